// Each side of a connection alone, for many connections over one inventory: the client's egress
// and the server's ingress in the enforced and pending modes, from the same decision tables as the
// cells (evaluate-cells.ts), so a side's verdict and decider are what the cell's combination
// takes. audit-flows compares a Src flow record with the egress side and a Dst record with the
// ingress side. Pure.
import type { CompiledPolicySet } from '../compile/compiled.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import type { DecidedBy, Inventory, Protocol } from '../types.ts';
import { addressVariants, distinctGroups, outcome, type Sides } from './address-outcome.ts';
import { inventoryPodCidrs, namedCidrs, podAddressSpace } from './address-regions.ts';
import { buildEndpoints } from './endpoints.ts';
import { Tables } from './evaluate-cells.ts';
import { groupEndpoints } from './groups.ts';
import { PlanBuilder, policyModes, type Mode, type Plan } from './plans.ts';
import { PredicateRegistry } from './predicates.ts';

export interface SideDecision {
  verdict: 'allow' | 'deny' | 'unknown';
  decidedBy: DecidedBy | null;
  /** verdict unknown: on whose address (offline) the side's verdict depends. */
  unknownBecause?: string;
}

export interface DirectionQuery { from: string; to: string; port: number; protocol: Protocol }

/** from: a pod; to: a pod or external:NAME that serves port/protocol in the inventory. mode pending needs a staged policy (else enforced is answered). */
export type SideDecisions = (q: DirectionQuery, side: 'egress' | 'ingress', mode: 'enforced' | 'pending') => SideDecision;

export class DirectionQueryError extends Error {
  override name = 'DirectionQueryError';
}

export function sideDecisions(inventory: Inventory, policies: { readonly compiled: CompiledPolicySet }): SideDecisions {
  const set = policies.compiled;
  const endpoints = buildEndpoints(inventory);
  const space = podAddressSpace(inventoryPodCidrs(inventory), namedCidrs(set));
  const { variants, variantsOf } = addressVariants(endpoints, space);
  const registry = new PredicateRegistry(set.networkSets);
  const builder = new PlanBuilder(registry, set.tiers);
  const modes = policyModes(set);
  const plans = new Map<Mode, Plan>([['enforced', builder.build(modes.enforced)]]);
  if (modes.pending) plans.set('pending', builder.build(modes.pending));
  if (modes.promoted) plans.set('promoted', builder.build(modes.promoted));
  const { groups, groupOf } = groupEndpoints(variants, registry);
  const options = variantsOf.map((list) => distinctGroups(list, variants, groups, groupOf));
  const portIndex = new Map<string, number>();
  for (const e of endpoints) for (const p of e.ports) if (!portIndex.has(`${p.protocol}/${p.port}`)) portIndex.set(`${p.protocol}/${p.port}`, portIndex.size);
  const tables = new Tables(plans, groups.length, Math.max(portIndex.size, 1));
  const index = new Map(endpoints.map((e, i) => [e.address, i]));
  const staged = plans.size > 1;
  return (q, side, mode) => {
    const si = index.get(q.from);
    const di = index.get(q.to);
    const srcOptions = si === undefined ? undefined : options[si];
    const dstOptions = di === undefined ? undefined : options[di];
    if (!srcOptions || si === undefined || !endpoints[si]?.isPod) throw new DirectionQueryError(`${q.from} is not a pod of the inventory`);
    if (!dstOptions || di === undefined) throw new DirectionQueryError(`${q.to} is not a pod or external of the inventory`);
    const pp = portIndex.get(`${q.protocol}/${q.port}`);
    if (pp === undefined || !endpoints[di]?.ports.some((p) => p.port === q.port && p.protocol === q.protocol)) throw new DirectionQueryError(`${q.to} does not serve ${q.port}/${q.protocol}`);
    if (si === di) return { verdict: 'allow', decidedBy: null };
    const m = mode === 'pending' && staged ? 1 : 0;
    const protocol = PROTOCOL_NUMBERS[q.protocol] ?? 0;
    const sides: Sides = { from: q.from, to: q.to, srcOptions, dstOptions, space };
    const o = outcome(sides, (sg, dg) => tables.side(m, side === 'egress' ? 0 : 1, sg, dg, pp, q.port, protocol));
    return { verdict: o.verdict, decidedBy: o.decidedBy, ...(o.because === undefined ? {} : { unknownBecause: o.because }) };
  };
}
