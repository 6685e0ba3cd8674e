// Which cells an assertion speaks of: from and to in the `expect` rule syntax (ns/pod with *
// for a whole segment, external:NAME, svc:NS/NAME) and a port written N/PROTO, or every port.
import { addressMatches, parseAddress, type Address } from '../diff/index.ts';
import type { DecidedBy, Protocol } from '../model/index.ts';
import { protocols } from '../scenario/schema.ts';
import type { ResultCell } from './result.ts';

export interface CellQuery {
  from: Address;
  to: Address;
  port?: { port: number; protocol: Protocol };
  /** As written, for messages. */
  text: string;
}

/** Throws a TypeError saying what is wrong with the pattern. */
export function cellQuery(from: string, to: string, port?: string): CellQuery {
  const a = address(from, 'from');
  const b = address(to, 'to');
  return { from: a, to: b, ...(port === undefined ? {} : { port: portOf(port) }), text: `${from} -> ${to}${port === undefined ? '' : ` ${port}`}` };
}

/** The cells the query covers; a pod to itself is never one (that traffic never leaves the pod). */
export function queried(cells: readonly ResultCell[], q: CellQuery): ResultCell[] {
  return cells.filter((c) => c.from !== c.to && addressMatches(q.from, c.from) && addressMatches(q.to, c.to)
    && (q.port === undefined || (q.port.port === c.port && q.port.protocol === c.protocol)));
}

/** What `decidedBy` asks: every field given must equal the decider's. */
export type DeciderQuery = Partial<Pick<DecidedBy, 'tier' | 'policy' | 'kind' | 'namespace' | 'ruleIndex' | 'action'>>;

export function deciderMatches(d: DecidedBy | null, q: DeciderQuery): boolean {
  if (d === null) return false;
  return (Object.keys(q) as (keyof DeciderQuery)[]).every((k) => q[k] === undefined || d[k] === q[k]);
}

function address(text: string, which: string): Address {
  if (typeof text !== 'string') throw new TypeError(`${which}: expected an address such as "x/*", not ${String(text)}`);
  const a = parseAddress(text);
  if (typeof a === 'string') throw new TypeError(`${which}: ${a}`);
  return a;
}

function portOf(text: string): { port: number; protocol: Protocol } {
  const m = /^(\d+)\/([A-Z]+)$/.exec(String(text));
  const protocol = protocols.find((p) => p === m?.[2]);
  const port = Number(m?.[1]);
  if (!m || !protocol || !(port >= 1 && port <= 65535)) throw new TypeError(`port: "${String(text)}" is not a port: write N/PROTO with TCP, UDP or SCTP, e.g. 80/TCP`);
  return { port, protocol };
}
