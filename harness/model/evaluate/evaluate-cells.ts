// The truth table: one cell per (source pod, destination, destination port), in inventory order.
import type { CompiledPolicySet, Direction } from '../compile/compiled.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import type { Cell, DecidedBy, Inventory, Verdict } from '../types.ts';
import { buildEndpoints } from './endpoints.ts';
import type { Packet } from './fast-rule.ts';
import { groupEndpoints, type Group } from './groups.ts';
import { PlanBuilder, policyModes, type Mode, type Plan } from './plans.ts';
import { PredicateRegistry } from './predicates.ts';
import { buildTrace, walk, type Decision, type Trace } from './trace.ts';

interface Result { verdict: Verdict; decidedBy: DecidedBy | null; stagedVerdict?: Verdict; promotedVerdict?: Verdict }

export function evaluateCells(inventory: Inventory, set: CompiledPolicySet): Cell[] {
  const endpoints = buildEndpoints(inventory);
  const registry = new PredicateRegistry(set.networkSets);
  const builder = new PlanBuilder(registry, set.tiers);
  const modes = policyModes(set);
  const plans = new Map<Mode, Plan>([['enforced', builder.build(modes.enforced)]]);
  if (modes.pending) plans.set('pending', builder.build(modes.pending));
  if (modes.promoted) plans.set('promoted', builder.build(modes.promoted));
  const staged = plans.size > 1;
  // Every predicate is registered once the plans exist; only then are endpoints evaluated.
  const { groups, groupOf } = groupEndpoints(endpoints, registry);
  const traces = new TraceCache(plans);
  const portIndex = new Map<string, number>();
  const portsOf = endpoints.map((e) => Int32Array.from(e.ports, (p) => indexOf(portIndex, `${p.protocol}/${p.port}`)));
  const stride = Math.max(portIndex.size, 1);
  const rows = new Map<number, (Result | undefined)[]>();
  const self: Result = staged
    ? { verdict: 'allow', decidedBy: null, stagedVerdict: 'allow', promotedVerdict: 'allow' }
    : { verdict: 'allow', decidedBy: null };
  const cells: Cell[] = [];
  for (let si = 0; si < endpoints.length; si++) {
    const src = endpoints[si];
    if (!src?.isPod) continue;
    const sg = groupAt(groups, groupOf, si);
    let row = rows.get(sg.id);
    if (!row) {
      row = new Array<Result | undefined>(groups.length * stride);
      rows.set(sg.id, row);
    }
    for (let di = 0; di < endpoints.length; di++) {
      const dst = endpoints[di];
      const ports = portsOf[di];
      if (!dst || !ports) continue;
      const dg = groupAt(groups, groupOf, di);
      for (let k = 0; k < dst.ports.length; k++) {
        const spec = dst.ports[k];
        if (!spec) continue;
        let result: Result;
        if (si === di) {
          result = self; // CALICO-SEMANTICS.md §7.1: a pod to itself never leaves its network namespace.
        } else {
          const key = dg.id * stride + (ports[k] ?? 0);
          result = row[key] ?? (row[key] = connect(sg, dg, spec.port, PROTOCOL_NUMBERS[spec.protocol] ?? 0, traces, staged));
        }
        cells.push(staged
          ? { from: src.address, to: dst.address, port: spec.port, protocol: spec.protocol, verdict: result.verdict,
            stagedVerdict: result.stagedVerdict, promotedVerdict: result.promotedVerdict, decidedBy: result.decidedBy }
          : { from: src.address, to: dst.address, port: spec.port, protocol: spec.protocol, verdict: result.verdict,
            decidedBy: result.decidedBy });
      }
    }
  }
  return cells;
}

function indexOf(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) {
    i = map.size;
    map.set(key, i);
  }
  return i;
}

function groupAt(groups: Group[], groupOf: Int32Array, i: number): Group {
  const g = groups[groupOf[i] ?? -1];
  if (!g) throw new Error(`endpoint ${i} has no group`);
  return g;
}

class TraceCache {
  readonly #plans: Map<Mode, Plan>;
  readonly #cache = new Map<string, Trace>();
  constructor(plans: Map<Mode, Plan>) {
    this.#plans = plans;
  }
  get(group: Group, direction: Direction, mode: Mode): Trace {
    const key = `${mode}/${direction}/${group.id}`;
    let t = this.#cache.get(key);
    if (!t) {
      const plan = this.#plans.get(mode);
      t = plan ? buildTrace(plan, group, direction) : [];
      this.#cache.set(key, t);
    }
    return t;
  }
}

/** CALICO-SEMANTICS.md §0: the client's egress verdict AND the server's ingress verdict. */
function connect(sg: Group, dg: Group, port: number, protocol: number, traces: TraceCache, staged: boolean): Result {
  const packet: Packet = { src: sg, dst: dg, port, protocol, ipVersion: sg.ipVersion || dg.ipVersion || 4 };
  const decide = (mode: Mode): Decision => {
    const egress = walk(traces.get(sg, 'egress', mode), packet);
    // A side that is not a pod (an external) is not policed by Calico.
    if (!egress.allow || !dg.isPod) return egress;
    const ingress = walk(traces.get(dg, 'ingress', mode), packet);
    if (!ingress.allow) return ingress;
    return ingress.decidedBy !== null ? ingress : egress;
  };
  const enforced = decide('enforced');
  const verdict = (d: Decision): Verdict => (d.allow ? 'allow' : 'deny');
  if (!staged) return { verdict: verdict(enforced), decidedBy: enforced.decidedBy };
  return {
    verdict: verdict(enforced), decidedBy: enforced.decidedBy,
    stagedVerdict: verdict(decide('pending')), promotedVerdict: verdict(decide('promoted')),
  };
}
