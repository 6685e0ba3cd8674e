// Decisions of one endpoint group in one direction and mode, memoised by the remote endpoint's
// class: remote groups that agree on every predicate this trace looks at get the same answer.
import type { Direction } from '../compile/compiled.ts';
import type { FastRule } from './fast-rule.ts';
import type { Group } from './groups.ts';
import { walk, type Decision, type Trace } from './trace.ts';

export class DecisionTable {
  readonly #trace: Trace;
  readonly #direction: Direction;
  readonly #local: Group;
  readonly #stride: number;
  readonly #remoteTests: number[];
  readonly #namedPorts: boolean;
  readonly #classOf: Int32Array;
  readonly #classes = new Map<string, number>();
  readonly #representatives: Group[] = [];
  readonly #decisions: (Decision | undefined)[] = [];

  constructor(trace: Trace, direction: Direction, local: Group, groupCount: number, stride: number) {
    this.#trace = trace;
    this.#direction = direction;
    this.#local = local;
    this.#stride = stride;
    const rules = trace.flatMap((t) => t.policies.flatMap((p) => p.rules));
    this.#remoteTests = remoteTests(rules, direction);
    // Named ports resolve on the destination: the remote side only for egress.
    this.#namedPorts = direction === 'egress' && rules.some((r) => [...(r.dstPorts ?? []), ...(r.dstNotPorts ?? [])].some((m) => m.kind === 'named'));
    this.#classOf = new Int32Array(groupCount).fill(-1);
  }

  decide(remote: Group, portIndex: number, port: number, protocol: number): Decision {
    const cls = this.#classFor(remote);
    const i = cls * this.#stride + portIndex;
    const known = this.#decisions[i];
    if (known) return known;
    const rep = this.#representatives[cls] ?? remote;
    const [src, dst] = this.#direction === 'egress' ? [this.#local, rep] : [rep, this.#local];
    const d = walk(this.#trace, { src, dst, port, protocol, ipVersion: src.ipVersion || dst.ipVersion || 4 });
    this.#decisions[i] = d;
    return d;
  }

  #classFor(remote: Group): number {
    const known = this.#classOf[remote.id] ?? -1;
    if (known !== -1) return known;
    let key = `${remote.ipVersion}`;
    for (const t of this.#remoteTests) key += remote.bits[t] === 1 ? '1' : '0';
    if (this.#namedPorts) key += `|${remote.namedKey}`;
    let cls = this.#classes.get(key);
    if (cls === undefined) {
      cls = this.#representatives.length;
      this.#classes.set(key, cls);
      this.#representatives.push(remote);
    }
    this.#classOf[remote.id] = cls;
    return cls;
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
