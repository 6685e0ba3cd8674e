// The truth table: one cell per (source pod, destination, destination port), in inventory order.
import type { CompiledPolicySet, Direction } from '../compile/compiled.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import type { Cell, Inventory } from '../types.ts';
import { ClassIndexes } from './class-index.ts';
import { DecisionTable } from './decision-table.ts';
import { addressVariants, distinctGroups, outcome, type Outcome, type Sides } from './address-outcome.ts';
import { inventoryPodCidrs, namedCidrs, podAddressSpace } from './address-regions.ts';
import { buildEndpoints } from './endpoints.ts';
import { groupEndpoints, type Group } from './groups.ts';
import { PlanBuilder, policyModes, type Mode, type Plan } from './plans.ts';
import { PredicateRegistry } from './predicates.ts';
import { buildTrace, type Decision } from './trace.ts';

const ENFORCED = 0;
const PENDING = 1;
const PROMOTED = 2;

export function evaluateCells(inventory: Inventory, set: CompiledPolicySet): Cell[] {
  const cells: Cell[] = [];
  const rows = cellRows(inventory, set);
  for (let i = 0; i < rows.count; i++) rows.visit(i, (c) => { cells.push(c); });
  return cells;
}

/** The cells by source endpoint (a row): a caller that must wait between rows (a slow pipe) can. */
export interface CellRows {
  /** Rows: one per endpoint; an external's row has no cells. */
  readonly count: number;
  visit(row: number, visit: (cell: Cell) => void): void;
}

export function cellRows(inventory: Inventory, set: CompiledPolicySet): CellRows {
  const endpoints = buildEndpoints(inventory);
  const space = podAddressSpace(inventoryPodCidrs(inventory), namedCidrs(set));
  const { variants, variantsOf } = addressVariants(endpoints, space);
  const registry = new PredicateRegistry(set.networkSets);
  const builder = new PlanBuilder(registry, set.tiers);
  const modes = policyModes(set);
  const plans = new Map<Mode, Plan>([['enforced', builder.build(modes.enforced)]]);
  if (modes.pending) plans.set('pending', builder.build(modes.pending));
  if (modes.promoted) plans.set('promoted', builder.build(modes.promoted));
  const staged = plans.size > 1;
  // Every predicate is registered once the plans exist; only then are endpoints evaluated.
  const { groups, groupOf } = groupEndpoints(variants, registry);
  const options = variantsOf.map((list) => distinctGroups(list, variants, groups, groupOf));
  const portIndex = new Map<string, number>();
  const portsOf = endpoints.map((e) => Int32Array.from(e.ports, (p) => indexOf(portIndex, `${p.protocol}/${p.port}`)));
  const tables = new Tables(plans, groups.length, Math.max(portIndex.size, 1));
  return { count: endpoints.length, visit: (si, visit) => {
    const src = endpoints[si];
    const srcOptions = options[si];
    if (!src?.isPod || !srcOptions) return;
    for (let di = 0; di < endpoints.length; di++) {
      const dst = endpoints[di];
      const ports = portsOf[di];
      const dstOptions = options[di];
      if (!dst || !ports || !dstOptions) continue;
      const sides: Sides = { from: src.address, to: dst.address, srcOptions, dstOptions, space };
      // Where both have one address (always live, and offline when no CIDR cuts the pod CIDR), no outcome() is needed.
      const sg = srcOptions.length === 1 ? srcOptions[0]?.group : undefined;
      const dg = dstOptions.length === 1 ? dstOptions[0]?.group : undefined;
      for (let k = 0; k < dst.ports.length; k++) {
        const spec = dst.ports[k];
        if (!spec) continue;
        const from = src.address;
        const to = dst.address;
        if (si === di) {
          // CALICO-SEMANTICS.md §7.1: a pod to itself never leaves its network namespace.
          visit(staged
            ? { from, to, port: spec.port, protocol: spec.protocol, verdict: 'allow', stagedVerdict: 'allow', promotedVerdict: 'allow', decidedBy: null, stagedDecidedBy: null }
            : { from, to, port: spec.port, protocol: spec.protocol, verdict: 'allow', decidedBy: null });
          continue;
        }
        const pp = ports[k] ?? 0;
        const protocol = PROTOCOL_NUMBERS[spec.protocol] ?? 0;
        if (sg && dg && !staged) {
          const d = tables.connect(ENFORCED, sg, dg, pp, spec.port, protocol);
          visit({ from, to, port: spec.port, protocol: spec.protocol, verdict: d.allow ? 'allow' : 'deny', decidedBy: d.decidedBy });
          continue;
        }
        const decide = (mode: number): Outcome => (sg && dg ? known(tables.connect(mode, sg, dg, pp, spec.port, protocol))
          : outcome(sides, (s, t) => tables.connect(mode, s, t, pp, spec.port, protocol)));
        const enforced = decide(ENFORCED);
        if (!staged) {
          const cell: Cell = { from, to, port: spec.port, protocol: spec.protocol, verdict: enforced.verdict, decidedBy: enforced.decidedBy };
          if (enforced.because !== undefined) cell.unknownBecause = enforced.because;
          visit(cell);
          continue;
        }
        const pending = decide(PENDING);
        const promoted = decide(PROMOTED);
        const cell: Cell = {
          from, to, port: spec.port, protocol: spec.protocol, verdict: enforced.verdict, stagedVerdict: pending.verdict, promotedVerdict: promoted.verdict,
          decidedBy: enforced.decidedBy, stagedDecidedBy: pending.decidedBy,
        };
        const because = enforced.because ?? prefixed('the pending (staged) verdict', pending.because) ?? prefixed('the promoted verdict', promoted.because);
        if (because !== undefined) cell.unknownBecause = because;
        visit(cell);
      }
    }
  } };
}

function known(d: Decision): Outcome {
  return { verdict: d.allow ? 'allow' : 'deny', decidedBy: d.decidedBy };
}

function prefixed(what: string, because: string | undefined): string | undefined {
  return because === undefined ? undefined : `${what} ${because}`;
}

function indexOf(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) {
    i = map.size;
    map.set(key, i);
  }
  return i;
}

const MODES: readonly Mode[] = ['enforced', 'pending', 'promoted'];

/** One DecisionTable per (mode, direction, group), built on first use (also direction-decisions.ts). */
export class Tables {
  readonly #plans: Map<Mode, Plan>;
  readonly #groupCount: number;
  readonly #stride: number;
  readonly #indexes: ClassIndexes;
  /** Indexed [mode index * 2 + (egress ? 0 : 1)][group id]. */
  readonly #tables: (DecisionTable | undefined)[][];

  constructor(plans: Map<Mode, Plan>, groupCount: number, stride: number) {
    this.#plans = plans;
    this.#groupCount = groupCount;
    this.#stride = stride;
    this.#indexes = new ClassIndexes(groupCount);
    this.#tables = Array.from({ length: MODES.length * 2 }, () => new Array<DecisionTable | undefined>(groupCount));
  }

  /** CALICO-SEMANTICS.md §0: the client's egress verdict AND the server's ingress verdict. */
  connect(mode: number, sg: Group, dg: Group, pp: number, port: number, protocol: number): Decision {
    const egress = this.side(mode, 0, sg, dg, pp, port, protocol);
    // A side that is not a pod (an external) is not policed by Calico.
    if (!egress.allow || !dg.isPod) return egress;
    const ingress = this.side(mode, 1, sg, dg, pp, port, protocol);
    if (!ingress.allow) return ingress;
    return ingress.decidedBy !== null ? ingress : egress;
  }

  /** One side alone: the client's egress (direction 0) or the server's ingress (1). */
  side(mode: number, direction: 0 | 1, sg: Group, dg: Group, pp: number, port: number, protocol: number): Decision {
    return direction === 0 ? this.#table(mode, 0, sg).decide(dg, pp, port, protocol) : this.#table(mode, 1, dg).decide(sg, pp, port, protocol);
  }

  #table(mode: number, direction: 0 | 1, group: Group): DecisionTable {
    const row = this.#tables[mode * 2 + direction];
    let t = row?.[group.id];
    if (!t) {
      const plan = this.#plans.get(MODES[mode] ?? 'enforced') ?? [];
      const dir: Direction = direction === 0 ? 'egress' : 'ingress';
      const naming = mode === PENDING ? 'first' : 'last';
      t = new DecisionTable(buildTrace(plan, group, dir, naming), dir, group, this.#stride, this.#indexes, this.#groupCount);
      if (row) row[group.id] = t;
    }
    return t;
  }
}
