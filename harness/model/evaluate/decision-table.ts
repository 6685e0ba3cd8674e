// Decisions of one endpoint group in one direction and mode, memoised by the remote endpoint's
// class: remote groups that agree on every predicate this trace looks at get the same answer.
import type { Direction } from '../compile/compiled.ts';
import type { ClassIndex, ClassIndexes } from './class-index.ts';
import type { FastRule } from './fast-rule.ts';
import type { Group } from './groups.ts';
import { walk, type Decision, type Trace } from './trace.ts';

export class DecisionTable {
  readonly #trace: Trace;
  readonly #egress: boolean;
  readonly #local: Group;
  readonly #stride: number;
  readonly #classes: ClassIndex;
  /** [class][port index]; the outer array is sized for every possible class. */
  readonly #decisions: ((Decision | undefined)[] | undefined)[];

  constructor(trace: Trace, direction: Direction, local: Group, stride: number, indexes: ClassIndexes, groupCount: number) {
    this.#trace = trace;
    this.#egress = direction === 'egress';
    this.#local = local;
    this.#stride = stride;
    const rules = trace.flatMap((t) => t.policies.flatMap((p) => p.rules));
    // Named ports resolve on the destination: the remote side only for egress.
    const named = this.#egress && rules.some((r) => [...(r.dstPorts ?? []), ...(r.dstNotPorts ?? [])].some((m) => m.kind === 'named'));
    this.#classes = indexes.get(remoteTests(rules, direction), named);
    this.#decisions = new Array<(Decision | undefined)[] | undefined>(groupCount);
  }

  decide(remote: Group, portIndex: number, port: number, protocol: number): Decision {
    const cls = this.#classes.classOf(remote);
    let row = this.#decisions[cls];
    if (row === undefined) {
      row = new Array<Decision | undefined>(this.#stride);
      this.#decisions[cls] = row;
    }
    const known = row[portIndex];
    if (known !== undefined) return known;
    const rep = this.#classes.representatives[cls] ?? remote;
    const src = this.#egress ? this.#local : rep;
    const dst = this.#egress ? rep : this.#local;
    const d = walk(this.#trace, { src, dst, port, protocol, ipVersion: src.ipVersion || dst.ipVersion || 4 });
    row[portIndex] = d;
    return d;
  }
}

function remoteTests(rules: FastRule[], direction: Direction): number[] {
  const out = new Set<number>();
  for (const r of rules) {
    const tests = direction === 'egress'
      ? [r.dstSel, r.dstNotSel, r.dstNets, r.dstNotNets]
      : [r.srcSel, r.srcNotSel, r.srcNets, r.srcNotNets];
    for (const t of tests) if (t !== -1) out.add(t);
  }
  return [...out].sort((a, b) => a - b);
}
