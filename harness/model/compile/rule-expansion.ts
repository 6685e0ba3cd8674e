// Kubernetes-style rules (ports x peers) as Calico rules: one per protocol (sorted), then per
// peer, each with all that protocol's ports, as libcalico-go's converters build them.
import type { Direction } from './compiled.ts';
import type { EntityRuleDoc, RuleDoc } from '../schema/calico.ts';

/** protocol -> ports; undefined ports mean every port; the '' protocol means any protocol. */
export type PortsByProtocol = Map<string, (string | number)[] | undefined>;

export const ANY_PORT: PortsByProtocol = new Map([['', undefined]]);

/** Add a port, keeping "every port" once a protocol has it. */
export function addPort(map: PortsByProtocol, protocol: string, value: string | number | undefined): void {
  if (value === undefined) map.set(protocol, undefined);
  else if (!map.has(protocol)) map.set(protocol, [value]);
  else map.get(protocol)?.push(value);
}

export function expandRule<P>(
  action: string, direction: Direction, byProtocol: PortsByProtocol, peers: P[], toEntity: (peer: P, index: number) => EntityRuleDoc,
): RuleDoc[] {
  const out: RuleDoc[] = [];
  for (const protocol of [...byProtocol.keys()].sort()) {
    const ports = byProtocol.get(protocol);
    peers.forEach((peer, i) => {
      const entity = toEntity(peer, i);
      const doc: RuleDoc = { action };
      if (protocol !== '') doc.protocol = protocol;
      if (direction === 'ingress') {
        doc.source = entity;
        if (ports) doc.destination = { ports };
      } else {
        doc.destination = ports ? { ...entity, ports } : entity;
      }
      out.push(doc);
    });
  }
  return out;
}
