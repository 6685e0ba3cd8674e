// A step's `traffic:` entries expanded to the pairs the load runs: one per matrix cell an entry
// covers. Pure: the live runner passes the model's cells, the loader the cells its inventory makes.
import { addressMatches, parseAddress, type Address } from '../diff/address.ts';
import type { Protocol } from '../model/index.ts';
import type { TrafficEntry, TrafficPair } from './types.ts';

/** A matrix cell as the model writes it: from `ns/pod`, to `ns/pod` or `external:NAME`. */
export interface TrafficCell { from: string; to: string; port: number; protocol: Protocol }

/** Per step: at most this many pairs (each holds a connection open and runs its own load)... */
export const maxTrafficPairsPerStep = 64;
/** ...and at most this many new connections per second, summed over the pairs. */
export const maxTrafficRatePerStep = 20000;

/**
 * The pairs of a step: each cell an entry covers (from, to as in expect rules; the entry's port
 * and protocol), except a pod to itself (that traffic never leaves the pod). A later entry
 * overrides an earlier one for the same cell, as expect rules do. In the order of `cells`.
 * An entry whose address does not parse covers nothing (the loader refuses such an entry).
 */
export function trafficPairs(entries: readonly TrafficEntry[], cells: readonly TrafficCell[]): TrafficPair[] {
  const parsed = entries.map((entry) => ({ entry, from: parsedAddress(entry.from), to: parsedAddress(entry.to) }));
  const pairs: TrafficPair[] = [];
  for (const cell of cells) {
    if (cell.from === cell.to) continue;
    const hit = parsed.findLast((e) => entryCovers(e.entry, e.from, e.to, cell));
    if (hit) pairs.push(pairOf(hit.entry, cell));
  }
  return pairs;
}

/** Whether the pairs stay within the per-step bounds; what is over, if not. */
export function trafficBoundsProblem(pairs: readonly TrafficPair[]): string | undefined {
  const rate = pairs.reduce((sum, p) => sum + p.rate, 0);
  const over = [
    ...(pairs.length > maxTrafficPairsPerStep ? [`${pairs.length} pairs, at most ${maxTrafficPairsPerStep}`] : []),
    ...(rate > maxTrafficRatePerStep ? [`a summed rate of ${round(rate)}/s, at most ${maxTrafficRatePerStep}/s`] : []),
  ];
  if (over.length === 0) return undefined;
  return `this step's traffic is too much for one step: ${over.join('; ')} (narrow the from/to patterns or lower the rates)`;
}

function entryCovers(entry: TrafficEntry, from: Address | undefined, to: Address | undefined, cell: TrafficCell): boolean {
  return from !== undefined && to !== undefined && entry.port === cell.port && entry.protocol === cell.protocol &&
    addressMatches(from, cell.from) && addressMatches(to, cell.to);
}

function parsedAddress(text: string): Address | undefined {
  const a = parseAddress(text);
  return typeof a === 'string' ? undefined : a;
}

function pairOf(entry: TrafficEntry, cell: TrafficCell): TrafficPair {
  return {
    from: cell.from, to: cell.to, port: cell.port, protocol: cell.protocol,
    rate: entry.rate, beforeMs: entry.beforeMs, afterMs: entry.afterMs,
    ...(entry.established === undefined ? {} : { established: entry.established }),
    ...(entry.maxTimeToEnforceMs === undefined ? {} : { maxTimeToEnforceMs: entry.maxTimeToEnforceMs }),
    ...(entry.maxTimeToOpenMs === undefined ? {} : { maxTimeToOpenMs: entry.maxTimeToOpenMs }),
    location: entry.location,
  };
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
