// Flow records for the audit tests, shaped as Goldmane's Flows.List returns them (see
// harness/flows/testdata for records read live).
import { flowResultSchema, type FlowResult, type PolicyHit } from '../flows/flow-schema.ts';
import { loadCaptureDir, type AuditCapture } from './capture-input.ts';
import type { AuditModel } from './compare-flows.ts';

export const testdata = (name: string) => new URL(`./testdata/${name}`, import.meta.url).pathname;

export async function captureModel(name: string): Promise<AuditModel & { capture: AuditCapture }> {
  const capture = await loadCaptureDir(testdata(name));
  return { capture, inventory: capture.inventory, policies: capture.policies, representatives: capture.podsMap.representatives };
}

export const hit = (h: Partial<PolicyHit>): PolicyHit => ({ kind: 'NetworkPolicy', namespace: '', name: 'x', tier: 'default', action: 'Allow', policy_index: 0, rule_index: 0, trigger: null, ...h });
export const profile = (ns: string): PolicyHit => hit({ kind: 'Profile', name: `kns.${ns}`, tier: '' });

export interface RecordSpec {
  from: string; to: string; port: number; proto?: string; reporter: 'Src' | 'Dst'; action: 'Allow' | 'Deny';
  enforced: PolicyHit[]; pending?: PolicyHit[];
  fromLabels?: string[]; toLabels?: string[]; destType?: string; connections?: number;
}

let id = 0;
export function record(s: RecordSpec): FlowResult {
  const [sns, sname] = s.from.split('/');
  const [dns, dname] = s.to.split('/');
  return flowResultSchema.parse({
    id: ++id,
    flow: {
      Key: {
        source_name: sname, source_namespace: sns, source_type: 'WorkloadEndpoint',
        dest_name: dname, dest_namespace: dns, dest_type: s.destType ?? 'WorkloadEndpoint',
        dest_port: String(s.port), proto: s.proto ?? 'tcp', reporter: s.reporter, action: s.action,
        policies: { enforced_policies: s.enforced, pending_policies: s.pending ?? s.enforced },
      },
      start_time: '1796171855', end_time: '1796171860',
      source_labels: s.fromLabels ?? [], dest_labels: s.toLabels ?? [],
      num_connections_started: String(s.connections ?? 2),
    },
  });
}
