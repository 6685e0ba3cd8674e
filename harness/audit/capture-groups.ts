// A flow's endpoint to the capture group (representative pod) it belongs to. Goldmane names a
// workload by its aggregated name (`web-7d9f-*`: pods of one ReplicaSet) and gives the labels
// every aggregated pod carries; a group is a representative pod of the capture with its labels
// and the real pods it stands for. Pure.
import type { Inventory } from '../model/index.ts';

export type UnmappedReason = 'unknown-namespace' | 'no-group' | 'ambiguous' | 'not-a-workload' | 'protocol';

export const unmappedText: Record<UnmappedReason, string> = {
  'unknown-namespace': 'namespace not in the capture',
  'no-group': 'labels match no capture group of the namespace',
  ambiguous: 'labels and name fit several capture groups',
  'not-a-workload': 'endpoint outside the pods (external network, network set or host)',
  protocol: 'protocol the model does not evaluate (not TCP, UDP or SCTP)',
};

interface Group { address: string; labels: Record<string, string>; pods: readonly string[] }

/** Labels Calico or tierprobe add that a capture does not keep. */
const ignoredLabel = (k: string) => k.startsWith('tierprobe.dev/') || k.startsWith('projectcalico.org/');

export class CaptureGroups {
  readonly #byNamespace = new Map<string, Group[]>();
  readonly #memo = new Map<string, string | UnmappedReason>();

  /** representatives: ns/name -> real pods ns/pod (pods-map.json); a representative absent there stands for itself. */
  constructor(inventory: Inventory, representatives: Readonly<Record<string, readonly string[]>>) {
    for (const ns of inventory.namespaces) this.#byNamespace.set(ns.name, []);
    for (const p of inventory.pods) {
      const address = `${p.namespace}/${p.name}`;
      const labels = Object.fromEntries(Object.entries(p.labels).filter(([k]) => !ignoredLabel(k)));
      this.#byNamespace.get(p.namespace)?.push({ address, labels, pods: (representatives[address] ?? [address]).map((r) => r.slice(r.indexOf('/') + 1)) });
    }
  }

  /**
   * The group of a workload endpoint: the namespace's groups whose labels hold every flow label
   * (Goldmane's are the intersection over the aggregated pods); the one with exactly those labels
   * first; several left, the aggregated name against the real pods each stands for.
   */
  match(namespace: string, name: string, labels: readonly string[]): string | UnmappedReason {
    const key = `${namespace}\u0000${name}\u0000${labels.join('\u0000')}`;
    let out = this.#memo.get(key);
    if (out === undefined) this.#memo.set(key, out = this.#match(namespace, name, labels));
    return out;
  }

  #match(namespace: string, name: string, labels: readonly string[]): string | UnmappedReason {
    const groups = this.#byNamespace.get(namespace);
    if (!groups) return 'unknown-namespace';
    const wanted = parseLabels(labels);
    const holding = groups.filter((g) => Object.entries(wanted).every(([k, v]) => g.labels[k] === v));
    if (holding.length === 0) return 'no-group';
    const exact = holding.filter((g) => Object.keys(g.labels).length === Object.keys(wanted).length);
    const candidates = exact.length > 0 ? exact : holding;
    if (candidates.length === 1) return candidates[0]?.address ?? 'no-group';
    const named = candidates.filter((g) => g.pods.some((p) => nameMatches(name, p)));
    if (named.length === 1) return named[0]?.address ?? 'no-group';
    return 'ambiguous';
  }
}

/** "k=v" strings (a value may hold "="); Calico's and tierprobe's own keys left out. */
export function parseLabels(labels: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) {
    const i = l.indexOf('=');
    const k = i < 0 ? l : l.slice(0, i);
    if (!ignoredLabel(k)) out[k] = i < 0 ? '' : l.slice(i + 1);
  }
  return out;
}

/** Goldmane's aggregated name: the pod's name, or a prefix ending in `*`. */
export function nameMatches(aggregated: string, pod: string): boolean {
  return aggregated.endsWith('*') ? pod.startsWith(aggregated.slice(0, -1)) : aggregated === pod;
}
