// Offline, a pod has no address: it is somewhere in the pod CIDR. Every CIDR a policy or network
// set names either contains a pod CIDR, misses it, or lies inside it; the CIDRs inside cut the pod
// CIDR into regions that every CIDR treats alike. One address per region stands for all of it.
import type { CompiledPolicy, CompiledPolicySet, CompiledRule } from '../compile/compiled.ts';
import { cidrContains, parseCidr, type Cidr, type IpAddress } from '../net/cidr.ts';
import type { Inventory } from '../types.ts';
import { InventoryError } from './endpoints.ts';

/** Where offline pods are, and the one address each region of it is evaluated at. */
export interface PodAddressSpace {
  /** The pod CIDRs the model was given; empty: unknown, taken as all of IPv4. */
  podCidrs: Cidr[];
  /** One address per region; a single one when no CIDR cuts the pod CIDR. */
  representatives: IpAddress[];
  /** The CIDRs that cut a pod CIDR: each is named where a verdict depends on it. */
  cutting: Cidr[];
}

const ALL_IPV4: Cidr = { version: 4, network: 0n, prefix: 0, text: '0.0.0.0/0' };

function width(c: Cidr): number {
  return c.version === 4 ? 32 : 128;
}

function lastAddress(c: Cidr): bigint {
  return c.network + (1n << BigInt(width(c) - c.prefix)) - 1n;
}

/** True when `inner` lies inside `outer` and is smaller: it cuts `outer` in parts. */
function cuts(inner: Cidr, outer: Cidr): boolean {
  return inner.version === outer.version && inner.prefix > outer.prefix &&
    cidrContains(outer, { version: inner.version, value: inner.network });
}

export function podAddressSpace(podCidrs: readonly Cidr[], named: readonly Cidr[]): PodAddressSpace {
  const space = podCidrs.length > 0 ? [...podCidrs] : [ALL_IPV4];
  const representatives: IpAddress[] = [];
  const cutting = new Map<string, Cidr>();
  for (const outer of space) {
    const starts = new Set<bigint>([outer.network]);
    const end = lastAddress(outer);
    for (const c of named) {
      if (!cuts(c, outer)) continue;
      cutting.set(`${c.version}/${c.network}/${c.prefix}`, c);
      starts.add(c.network);
      const after = lastAddress(c) + 1n;
      if (after <= end) starts.add(after);
    }
    for (const value of [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) representatives.push({ version: outer.version, value });
  }
  return { podCidrs: [...podCidrs], representatives, cutting: [...cutting.values()] };
}

/** The inventory's pod CIDRs, parsed. */
export function inventoryPodCidrs(inventory: Inventory): Cidr[] {
  return (inventory.podCidrs ?? []).map((text) => {
    const c = parseCidr(text);
    if (c === undefined) throw new InventoryError(`pod CIDR ${JSON.stringify(text)} is not a CIDR`);
    return c;
  });
}

/** Every CIDR that any rule (enforced, staged or promoted) or network set names. */
export function namedCidrs(set: CompiledPolicySet): Cidr[] {
  const out: Cidr[] = [];
  const rule = (r: CompiledRule) => {
    for (const side of [r.source, r.destination]) out.push(...(side.nets ?? []), ...(side.notNets ?? []));
  };
  const policy = (p: CompiledPolicy) => {
    for (const r of [...p.rules.ingress, ...p.rules.egress]) rule(r);
    if (p.staged?.promoted) policy(p.staged.promoted);
  };
  for (const p of set.enforced.values()) policy(p);
  for (const p of set.staged) policy(p);
  for (const s of set.networkSets) out.push(...s.nets);
  return out;
}

/** The cutting CIDRs that hold one of two addresses and not the other: why they differ. */
export function separating(space: PodAddressSpace, a: IpAddress, b: IpAddress): Cidr[] {
  return space.cutting.filter((c) => cidrContains(c, a) !== cidrContains(c, b));
}
