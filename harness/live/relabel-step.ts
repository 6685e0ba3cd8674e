// A step's `relabel:` entries against the cluster (issue 10): one JSON patch per pod or namespace.
// Each patch first tests that the object carries this run's labels, so it can only change what
// this run created; the test and the label changes apply together or not at all.
import type { Relabel, ScenarioStep } from '../scenario/index.ts';
import type { KubeClients } from './kube-clients.ts';
import { apiFailure } from './kube-error.ts';
import { ownerLabel, ownerValue, runLabel } from './labels.ts';
import { sha256 } from './policies/applied-document.ts';
import type { JsonPatchOperation } from './raw-object-api.ts';
import type { AppliedRecord } from './run-types.ts';
import { fieldManager } from './server-side-apply.ts';

/** A label key as a JSON pointer segment (RFC 6901: ~ is ~0, / is ~1). */
function labelPath(key: string): string {
  return `/metadata/labels/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

export function relabelOperations(r: Relabel, runId: string): JsonPatchOperation[] {
  return [
    { op: 'test', path: labelPath(ownerLabel), value: ownerValue },
    { op: 'test', path: labelPath(runLabel), value: runId },
    ...Object.entries(r.set).map(([key, value]): JsonPatchOperation => ({ op: 'add', path: labelPath(key), value })),
    ...r.remove.map((key): JsonPatchOperation => ({ op: 'remove', path: labelPath(key) })),
  ];
}

function describeTarget(r: Relabel): string {
  return r.target.kind === 'Pod' ? `Pod ${r.target.namespace}/${r.target.name}` : `Namespace ${r.target.name}`;
}

/** What is recorded with the applied policies: the patch as sent, as a comment-headed JSON document. */
export function relabelText(r: Relabel, runId: string): string {
  return `# relabel ${describeTarget(r)} (${r.location.file}:${r.location.line}), JSON patch:\n${JSON.stringify(relabelOperations(r, runId), null, 2)}\n`;
}

export async function relabelStep(step: ScenarioStep, clients: KubeClients, runId: string): Promise<AppliedRecord[]> {
  const records: AppliedRecord[] = [];
  for (const r of step.relabel ?? []) {
    const object = r.target.kind === 'Pod'
      ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: r.target.name, namespace: r.target.namespace } }
      : { apiVersion: 'v1', kind: 'Namespace', metadata: { name: r.target.name } };
    try {
      await clients.raw.jsonPatch(object, relabelOperations(r, runId), fieldManager);
    } catch (e) {
      throw apiFailure(`relabel ${describeTarget(r)} (step "${step.name}")`, e,
        `tierprobe patches only what this run created (labels ${ownerLabel}=${ownerValue}, ${runLabel}=${runId}); a 422 "test operation failed" means the object is not this run's`);
    }
    const text = relabelText(r, runId);
    const id = r.target.kind === 'Pod' ? { apiVersion: 'v1', kind: 'Pod', namespace: r.target.namespace, name: r.target.name } : { apiVersion: 'v1', kind: 'Namespace', name: r.target.name };
    records.push({ step: step.index, stepName: step.name, action: 'relabel', id, text, sha256: sha256(text), location: r.location });
  }
  return records;
}
