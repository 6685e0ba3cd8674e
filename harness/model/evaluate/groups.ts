// Endpoints that look the same to every policy share one group, and so one set of verdicts.
import type { Endpoint } from './endpoints.ts';
import type { PredicateRegistry } from './predicates.ts';

export interface Group {
  id: number;
  isPod: boolean;
  /** Predicate bits (see PredicateRegistry). */
  bits: Uint8Array;
  namedPorts: Endpoint['namedPorts'];
  /** Canonical text of namedPorts. */
  namedKey: string;
  /** 4 or 6; 0 when the endpoint's IP is unknown. */
  ipVersion: number;
}

export interface Grouping { groups: Group[]; groupOf: Int32Array }

export function groupEndpoints(endpoints: Endpoint[], registry: PredicateRegistry): Grouping {
  const groups: Group[] = [];
  const bySignature = new Map<string, Group>();
  const byRaw = new Map<string, Group>();
  const groupOf = new Int32Array(endpoints.length);
  endpoints.forEach((e, i) => {
    // Identical raw attributes need no predicate evaluation at all.
    const raw = rawKey(e);
    let g = byRaw.get(raw);
    if (!g) {
      const bits = registry.evaluate(e);
      const ipVersion = e.ip?.version ?? 0;
      const named = namedKey(e);
      const sig = `${e.isPod ? 'p' : 'x'}${ipVersion}|${bits.join('')}|${named}`;
      g = bySignature.get(sig);
      if (!g) {
        g = { id: groups.length, isPod: e.isPod, bits, namedPorts: e.namedPorts, namedKey: named, ipVersion };
        groups.push(g);
        bySignature.set(sig, g);
      }
      byRaw.set(raw, g);
    }
    groupOf[i] = g.id;
  });
  return { groups, groupOf };
}

function namedKey(e: Endpoint): string {
  return [...e.namedPorts.entries()].map(([n, s]) => `${n}=${[...s].sort().join('+')}`).sort().join(',');
}

function rawKey(e: Endpoint): string {
  const labels = [...e.labels.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([e.isPod, labels, e.ip ? `${e.ip.version}:${e.ip.value}` : null, namedKey(e)]);
}
