// A step's changes against the cluster: first what it deletes, then what it applies.
import type { ScenarioStep } from '../scenario/index.ts';
import { appliedDocument, headerText, sha256 } from './policies/applied-document.ts';
import type { PolicyClient } from './policies/policy-client.ts';
import type { AppliedRecord } from './run-types.ts';

/** Returns what went to the API, in order. */
export async function applyStep(step: ScenarioStep, policies: PolicyClient, runId: string): Promise<AppliedRecord[]> {
  const records: AppliedRecord[] = [];
  if (step.delete.length > 0) {
    await policies.delete(step.delete.map((d) => d.id));
    for (const d of step.delete) {
      const text = headerText(d.id);
      records.push({ step: step.index, stepName: step.name, action: 'delete', id: d.id, text, sha256: sha256(text), location: d.location });
    }
  }
  const docs = step.apply.map((d) => appliedDocument(d, runId));
  if (docs.length > 0) await policies.apply(docs);
  for (const d of docs) records.push({ step: step.index, stepName: step.name, action: 'apply', id: d.id, text: d.text, sha256: d.sha256, location: d.location });
  return records;
}
