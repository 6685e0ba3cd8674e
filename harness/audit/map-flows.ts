// Goldmane's flow records to (source group, destination group, port, protocol, reporter): the
// cells of the capture they stand for; the rest counted by why they could not be mapped. Pure.
import type { FlowResult } from '../flows/flow-schema.ts';
import type { Protocol } from '../model/index.ts';
import { unmappedText, type CaptureGroups, type UnmappedReason } from './capture-groups.ts';

export interface MappedFlow {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  reporter: 'Src' | 'Dst';
  record: FlowResult;
}

export interface UnmappedCount { reason: UnmappedReason; text: string; flows: number; examples: string[] }

export interface FlowMapping { mapped: MappedFlow[]; unmapped: UnmappedCount[] }

const protocols: Record<string, Protocol> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

export function mapFlows(flows: readonly FlowResult[], groups: CaptureGroups): FlowMapping {
  const mapped: MappedFlow[] = [];
  const unmapped = new Map<UnmappedReason, UnmappedCount>();
  const miss = (reason: UnmappedReason, f: FlowResult) => {
    let u = unmapped.get(reason);
    if (!u) unmapped.set(reason, u = { reason, text: unmappedText[reason], flows: 0, examples: [] });
    u.flows++;
    if (u.examples.length < 3) {
      const k = f.flow.Key;
      const example = `${k.source_namespace}/${k.source_name} -> ${k.dest_namespace}/${k.dest_name} ${k.dest_port}/${k.proto}`;
      if (!u.examples.includes(example)) u.examples.push(example);
    }
  };
  for (const f of flows) {
    const k = f.flow.Key;
    const reporter = k.reporter === 'Src' || k.reporter === 'Dst' ? k.reporter : undefined;
    if (!reporter || k.source_type !== 'WorkloadEndpoint' || k.dest_type !== 'WorkloadEndpoint') { miss('not-a-workload', f); continue; }
    const protocol = protocols[k.proto.toLowerCase()];
    if (!protocol) { miss('protocol', f); continue; }
    const from = groups.match(k.source_namespace, k.source_name, f.flow.source_labels ?? []);
    if (!from.includes('/')) { miss(from as UnmappedReason, f); continue; }
    const to = groups.match(k.dest_namespace, k.dest_name, f.flow.dest_labels ?? []);
    if (!to.includes('/')) { miss(to as UnmappedReason, f); continue; }
    mapped.push({ from, to, port: k.dest_port, protocol, reporter, record: f });
  }
  return { mapped, unmapped: [...unmapped.values()].sort((a, b) => b.flows - a.flows) };
}
