// `relabel:` steps (issue 10): which labels each pod and namespace carries after every step.
// Only the scenario's own objects can be relabelled, and never on keys tierprobe or Kubernetes own.
import type { Inventory } from '../model/index.ts';
import type { Report } from './report.ts';
import type { RelabelEntryFile } from './schema.ts';
import type { LabelState, Location, Relabel } from './types.ts';
import type { FieldPath } from './yaml-position.ts';

/** Keys a scenario may not set or remove: tierprobe's ownership labels, and what Kubernetes and Calico set. */
export function reservedLabelProblem(key: string, kind: 'Pod' | 'Namespace'): string | undefined {
  if (key.startsWith('tierprobe.dev/')) return `"${key}": tierprobe.dev/ labels are tierprobe's own (cleanup finds its objects by them)`;
  if (key.startsWith('projectcalico.org/')) return `"${key}": projectcalico.org/ labels are Calico's`;
  if (kind === 'Namespace' && key === 'kubernetes.io/metadata.name') return `"${key}": the API server sets it to the namespace's name and keeps it so`;
  return undefined;
}

export function initialLabels(inventory: Inventory): LabelState {
  return {
    pods: new Map(inventory.pods.map((p) => [`${p.namespace}/${p.name}`, p.labels])),
    namespaces: new Map(inventory.namespaces.map((n) => [n.name, n.labels])),
  };
}

/**
 * Checks one step's entries against the labels before it and returns them with the labels after.
 * Removing a label the target does not carry at that step is an error: it would change nothing.
 */
export function resolveRelabel(entries: readonly RelabelEntryFile[], before: LabelState, at: FieldPath, report: Report, locate: (path: FieldPath) => Location): { relabel: Relabel[]; after: LabelState } {
  const pods = new Map(before.pods);
  const namespaces = new Map(before.namespaces);
  const relabel: Relabel[] = [];
  for (const [i, e] of entries.entries()) {
    const path = [...at, i];
    const target = targetOf(e);
    if (!target) continue;
    const table = target.kind === 'Pod' ? pods : namespaces;
    const key = target.kind === 'Pod' ? `${target.namespace}/${target.name}` : target.name;
    const current = table.get(key);
    if (current === undefined) {
      report([...path, target.kind === 'Pod' ? 'pod' : 'namespace'], target.kind === 'Pod' ? `unknown pod "${key}": relabel names one of the scenario's pods` : `unknown namespace "${key}": relabel names one of the scenario's namespaces`);
      continue;
    }
    let ok = true;
    for (const k of Object.keys(e.labels ?? {})) {
      const problem = reservedLabelProblem(k, target.kind);
      if (problem) { report([...path, 'labels', k], problem, { key: true }); ok = false; }
    }
    for (const [j, k] of (e.remove ?? []).entries()) {
      const problem = reservedLabelProblem(k, target.kind) ?? (current[k] === undefined ? `"${k}" is not a label of ${target.kind === 'Pod' ? 'pod' : 'namespace'} ${key} at this step` : undefined);
      if (problem) { report([...path, 'remove', j], problem); ok = false; }
    }
    if (!ok) continue;
    const next: Record<string, string> = { ...current, ...(e.labels ?? {}) };
    for (const k of e.remove ?? []) delete next[k];
    table.set(key, next);
    relabel.push({ target, set: { ...(e.labels ?? {}) }, remove: [...(e.remove ?? [])], location: locate(path) });
  }
  return { relabel, after: { pods, namespaces } };
}

function targetOf(e: RelabelEntryFile): Relabel['target'] | undefined {
  if (e.namespace !== undefined) return { kind: 'Namespace', name: e.namespace };
  const [namespace, name] = (e.pod ?? '').split('/');
  return namespace && name ? { kind: 'Pod', namespace, name } : undefined;
}

/** The inventory as a step sees it: the relabelled pods and namespaces with their labels then. */
export function inventoryAt(inventory: Inventory, labels: LabelState | undefined): Inventory {
  if (!labels) return inventory;
  return {
    ...inventory,
    namespaces: inventory.namespaces.map((n) => ({ ...n, labels: { ...(labels.namespaces.get(n.name) ?? n.labels) } })),
    pods: inventory.pods.map((p) => ({ ...p, labels: { ...(labels.pods.get(`${p.namespace}/${p.name}`) ?? p.labels) } })),
  };
}
