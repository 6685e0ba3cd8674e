// A cell's verdict over every address its pods may have offline: one verdict when all agree,
// otherwise 'unknown', saying which pod's address it depends on and which CIDRs decide it.
import type { IpAddress } from '../net/cidr.ts';
import type { CellVerdict, DecidedBy } from '../types.ts';
import { separating, type PodAddressSpace } from './address-regions.ts';
import type { Endpoint } from './endpoints.ts';
import type { Group } from './groups.ts';
import type { Decision } from './trace.ts';

/** One way an endpoint may look to the policies: its group, at an address that gives it. */
export interface Variant { group: Group; ip: IpAddress | undefined }

/**
 * A pod without an address becomes one endpoint per region of the pod address space; every
 * other endpoint stays as it is. variantsOf[i]: the indices in `variants` of endpoint i.
 */
export function addressVariants(endpoints: readonly Endpoint[], space: PodAddressSpace): { variants: Endpoint[]; variantsOf: number[][] } {
  const variants: Endpoint[] = [];
  const variantsOf = endpoints.map((e) => {
    const at = e.isPod && e.ip === undefined ? space.representatives.map((ip): Endpoint => ({ ...e, ip })) : [e];
    return at.map((v) => variants.push(v) - 1);
  });
  return { variants, variantsOf };
}

/** The distinct groups among an endpoint's variants, each with the address that gave it first. */
export function distinctGroups(list: readonly number[], variants: readonly Endpoint[], groups: readonly Group[], groupOf: Int32Array): Variant[] {
  const seen = new Map<number, Variant>();
  for (const i of list) {
    const group = groups[groupOf[i] ?? -1];
    if (!group) throw new Error(`endpoint variant ${i} has no group`);
    if (!seen.has(group.id)) seen.set(group.id, { group, ip: variants[i]?.ip });
  }
  return [...seen.values()];
}

export interface Sides {
  from: string;
  to: string;
  srcOptions: readonly Variant[];
  dstOptions: readonly Variant[];
  space: PodAddressSpace;
}

export interface Outcome { verdict: CellVerdict; decidedBy: DecidedBy | null; because?: string }

export function outcome(sides: Sides, decide: (src: Group, dst: Group) => Decision): Outcome {
  const { srcOptions, dstOptions } = sides;
  const s0 = srcOptions[0];
  const d0 = dstOptions[0];
  if (!s0 || !d0) throw new Error(`${sides.from} -> ${sides.to}: an endpoint has no variant`);
  const first = decide(s0.group, d0.group);
  if (srcOptions.length === 1 && dstOptions.length === 1) return { verdict: first.allow ? 'allow' : 'deny', decidedBy: first.decidedBy };
  const allow = srcOptions.map((s) => dstOptions.map((d) => decide(s.group, d.group).allow));
  const differing = { source: new Map<string, string>(), destination: new Map<string, string>() };
  const note = (side: Map<string, string>, a: IpAddress | undefined, b: IpAddress | undefined) => {
    if (a && b) for (const c of separating(sides.space, a, b)) side.set(c.text, c.text);
  };
  allow.forEach((row, i) => row.forEach((v, j) => {
    if (v !== allow[0]?.[j]) note(differing.source, s0.ip, srcOptions[i]?.ip);
    if (v !== row[0]) note(differing.destination, d0.ip, dstOptions[j]?.ip);
  }));
  const varies = allow.some((row) => row.some((v) => v !== first.allow));
  if (!varies) return { verdict: first.allow ? 'allow' : 'deny', decidedBy: first.decidedBy };
  return { verdict: 'unknown', decidedBy: null, because: because(sides, differing) };
}

function because(sides: Sides, differing: { source: Map<string, string>; destination: Map<string, string> }): string {
  const on: string[] = [];
  if (differing.source.size > 0) on.push(`the source ${sides.from}`);
  if (differing.destination.size > 0) on.push(`the destination ${sides.to}`);
  const cidrs = [...new Set([...differing.source.keys(), ...differing.destination.keys()])];
  const where = sides.space.podCidrs.length > 0
    ? `the pod CIDR ${sides.space.podCidrs.map((c) => c.text).join(', ')}`
    : 'an unknown pod CIDR (none was given, so any IPv4 address)';
  const part = cidrs.length === 1 ? `${cidrs[0]} covers only part of it` : `${cidrs.join(', ')} cover only parts of it`;
  return `depends on the address of ${on.join(' and ')}, known only live: offline a pod lies somewhere in ${where}, and ${part}`;
}
