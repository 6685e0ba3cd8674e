// Single connections between endpoints, in every mode, as evaluate-cells.ts decides them: the
// same endpoints, address variants, plans and walk, without its per-matrix memo tables. For the
// few cells of Services (and their DNS), including a pod that reaches itself through a Service.
import type { CompiledPolicySet, Direction } from '../compile/compiled.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import type { Inventory, Protocol } from '../types.ts';
import { addressVariants, distinctGroups, outcome, type Outcome, type Variant } from './address-outcome.ts';
import { inventoryPodCidrs, namedCidrs, podAddressSpace, separating, type PodAddressSpace } from './address-regions.ts';
import type { Endpoint } from './endpoints.ts';
import { groupEndpoints, type Group } from './groups.ts';
import { PlanBuilder, policyModes, type Mode, type Plan } from './plans.ts';
import { PredicateRegistry } from './predicates.ts';
import { buildTrace, walk, type Decision, type Trace } from './trace.ts';

export class Connections {
  readonly endpoints: readonly Endpoint[];
  readonly staged: boolean;
  readonly #space: PodAddressSpace;
  readonly #plans = new Map<Mode, Plan>();
  readonly #options: Variant[][];
  readonly #traces = new Map<string, Trace>();

  constructor(endpoints: readonly Endpoint[], inventory: Inventory, set: CompiledPolicySet) {
    this.endpoints = endpoints;
    this.#space = podAddressSpace(inventoryPodCidrs(inventory), namedCidrs(set));
    const { variants, variantsOf } = addressVariants(endpoints, this.#space);
    const registry = new PredicateRegistry(set.networkSets);
    const builder = new PlanBuilder(registry, set.tiers);
    const modes = policyModes(set);
    this.#plans.set('enforced', builder.build(modes.enforced));
    if (modes.pending) this.#plans.set('pending', builder.build(modes.pending));
    if (modes.promoted) this.#plans.set('promoted', builder.build(modes.promoted));
    this.staged = this.#plans.size > 1;
    // As in evaluate-cells.ts: every predicate is registered before endpoints are evaluated.
    const { groups, groupOf } = groupEndpoints(variants, registry);
    this.#options = variantsOf.map((list) => distinctGroups(list, variants, groups, groupOf));
  }

  /**
   * From endpoint si to endpoint di (indices into endpoints) on port/protocol. hairpin: si is
   * di, through a Service: the packet leaves the pod and comes back to it, so both of its
   * directions are policed, with the one address it has on both sides.
   */
  decide(mode: Mode, si: number, di: number, port: number, protocol: Protocol): Outcome {
    const p = PROTOCOL_NUMBERS[protocol] ?? 0;
    const connect = (sg: Group, dg: Group) => this.#connect(mode, sg, dg, port, p);
    const src = this.endpoints[si];
    const dst = this.endpoints[di];
    const srcOptions = this.#options[si] ?? [];
    if (!src || !dst) throw new Error(`no endpoint ${si} or ${di}`);
    if (si === di) return hairpinOutcome(src.address, srcOptions, connect, this.#space);
    return outcome({ from: src.address, to: dst.address, srcOptions, dstOptions: this.#options[di] ?? [], space: this.#space }, connect);
  }

  /** CALICO-SEMANTICS.md §0: the client's egress AND the server's ingress; the ingress decider when it has one. */
  #connect(mode: Mode, sg: Group, dg: Group, port: number, protocol: number): Decision {
    const packet = { src: sg, dst: dg, port, protocol, ipVersion: sg.ipVersion || dg.ipVersion || 4 };
    const egress = walk(this.#trace(mode, 'egress', sg), packet);
    if (!egress.allow || !dg.isPod) return egress;
    const ingress = walk(this.#trace(mode, 'ingress', dg), packet);
    if (!ingress.allow) return ingress;
    return ingress.decidedBy !== null ? ingress : egress;
  }

  #trace(mode: Mode, direction: Direction, group: Group): Trace {
    const key = `${mode} ${direction} ${group.id}`;
    let t = this.#traces.get(key);
    if (!t) {
      t = buildTrace(this.#plans.get(mode) ?? [], group, direction, mode === 'pending' ? 'first' : 'last');
      this.#traces.set(key, t);
    }
    return t;
  }
}

/**
 * A pod to itself through a Service (kube-proxy's hairpin: DNAT back to the pod, SNAT only in
 * POSTROUTING, after Felix's filter chains): its egress and its ingress are both policed, with
 * the same address on both sides, so only matching variants are paired.
 */
export function hairpinOutcome(address: string, options: readonly Variant[], connect: (sg: Group, dg: Group) => Decision, space: PodAddressSpace): Outcome {
  const first = options[0];
  if (!first) throw new Error(`${address} has no address variant`);
  const d = connect(first.group, first.group);
  const cidrs = new Set<string>();
  for (const v of options.slice(1)) {
    if (connect(v.group, v.group).allow === d.allow || !first.ip || !v.ip) continue;
    for (const c of separating(space, first.ip, v.ip)) cidrs.add(c.text);
  }
  if (cidrs.size === 0) return { verdict: d.allow ? 'allow' : 'deny', decidedBy: d.decidedBy };
  return {
    verdict: 'unknown', decidedBy: null,
    because: `depends on the address of ${address} (the source and the backend: the connection comes back to it), known only live: ${[...cidrs].join(', ')} cover${cidrs.size === 1 ? 's' : ''} only part of the pod CIDR`,
  };
}
