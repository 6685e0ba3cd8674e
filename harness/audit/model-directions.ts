// The model's verdict for one direction of a mapped flow: a Src record is the source's egress,
// a Dst record the destination's ingress, so each is compared with that side's walk, never with
// the cell's combined verdict (an ingress deny leaves the Src record allowed). The model's
// decision tables answer each side (memoised by endpoint class, as for the cells); the inventory gets every port flows name (a port the capture's
// pods do not declare is still policed) and a twin of each group that talks to itself (two
// real pods of one group are two endpoints; the model's pod-to-itself is never policed). Pure.
import { sideDecisions, type DecidedBy, type Inventory, type PolicySet, type Protocol, type Verdict } from '../model/index.ts';

export type Mode = 'enforced' | 'pending';

export interface SideVerdict {
  verdict: Verdict | 'unknown';
  decidedBy: DecidedBy | null;
  /** Set where the verdict is unknown: the mode's verdict depends on pod addresses offline. */
  unknownBecause?: string;
}

export interface FlowCellQuery { from: string; to: string; port: number; protocol: Protocol }

export type DirectionVerdicts = (q: FlowCellQuery, side: 'egress' | 'ingress', mode: Mode) => SideVerdict;

/** The twin of a group, the other end of traffic within one group. */
export const twinOf = (address: string) => `${address}~peer`;

export function directionVerdicts(inventory: Inventory, policies: PolicySet, queries: readonly FlowCellQuery[]): DirectionVerdicts {
  const extra = new Map<string, Map<string, { port: number; protocol: Protocol }>>();
  const twins = new Set<string>();
  for (const q of queries) {
    const to = q.from === q.to ? twinOf(q.to) : q.to;
    if (q.from === q.to) twins.add(q.to);
    let ports = extra.get(to);
    if (!ports) extra.set(to, ports = new Map());
    ports.set(`${q.port}/${q.protocol}`, { port: q.port, protocol: q.protocol });
  }
  const pods = inventory.pods.flatMap((p) => {
    const address = `${p.namespace}/${p.name}`;
    const copies = twins.has(address) ? [p, { ...p, name: `${p.name}~peer` }] : [p];
    return copies.map((c) => {
      const wanted = extra.get(`${c.namespace}/${c.name}`);
      if (!wanted) return c;
      const have = new Set(c.ports.map((x) => `${x.port}/${x.protocol}`));
      return { ...c, ports: [...c.ports, ...[...wanted].filter(([k]) => !have.has(k)).map(([, v]) => v)] };
    });
  });
  const decide = sideDecisions({ ...inventory, pods }, policies);
  return (q, side, mode) => decide({ ...q, to: q.from === q.to ? twinOf(q.to) : q.to }, side, mode);
}
