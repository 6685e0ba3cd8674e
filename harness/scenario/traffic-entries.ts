// A step's `traffic:` entries (issue 9, README "Traffic under change: `traffic:`"): defaulted, and
// checked against the scenario's pods and externals. The schema (schema.ts) has already checked
// their shape, syntax and ranges; here: does each address match something, is the port served,
// does the entry make a pair at all, and do the step's pairs stay within the bounds.
import { addressMatches, parseAddress, type Address } from '../diff/address.ts';
import type { Inventory, PortSpec } from '../model/index.ts';
import { trafficBoundsProblem, trafficPairs, type TrafficCell } from '../traffic/expand.ts';
import type { TrafficEntry } from '../traffic/types.ts';
import type { Report } from './report.ts';
import type { TrafficEntryFile } from './schema.ts';
import type { Location } from './types.ts';
import type { FieldPath } from './yaml-position.ts';

/** What an entry gets for a field it leaves out. */
export const trafficDefaults = { rate: 50, beforeMs: 3000, afterMs: 10000 } as const;

/**
 * The entries of one step's `traffic` (at: its path), defaulted. Reports every problem.
 * The loader has no model cells, so the bounds are checked on the pairs the entries make
 * against the cells the inventory implies (inventoryCells): the model makes the same cells
 * whatever the policies, so these are the pairs the live run will have.
 */
export function resolveTraffic(entries: readonly TrafficEntryFile[], inventory: Inventory, at: FieldPath, report: Report, locate: (path: FieldPath) => Location): TrafficEntry[] {
  let clean = true;
  const resolved = entries.map((e, i): TrafficEntry => {
    const path = [...at, i];
    if (!checkEntry(e, inventory, path, report)) clean = false;
    return {
      location: locate(path), from: e.from, to: e.to, port: e.port.port, protocol: e.port.protocol,
      rate: e.rate ?? trafficDefaults.rate, beforeMs: e.before ?? trafficDefaults.beforeMs, afterMs: e.after ?? trafficDefaults.afterMs,
      ...(e.established === undefined ? {} : { established: e.established }),
      ...(e.maxTimeToEnforce === undefined ? {} : { maxTimeToEnforceMs: e.maxTimeToEnforce }),
      ...(e.maxTimeToOpen === undefined ? {} : { maxTimeToOpenMs: e.maxTimeToOpen }),
    };
  });
  if (clean) {
    const problem = trafficBoundsProblem(trafficPairs(resolved, inventoryCells(inventory)));
    if (problem) report(at, problem);
  }
  return resolved;
}

/**
 * The matrix's cells as the model makes them (model/evaluate/evaluate-cells.ts): every pod to
 * every pod (itself included) and external, on each port the destination serves, in inventory order.
 */
export function inventoryCells(inventory: Inventory): TrafficCell[] {
  const destinations = [
    ...inventory.pods.map((p) => ({ address: `${p.namespace}/${p.name}`, ports: p.ports })),
    ...inventory.externals.map((e) => ({ address: `external:${e.name}`, ports: e.ports })),
  ];
  return inventory.pods.flatMap((src) => destinations.flatMap((dst) =>
    dst.ports.map((p) => ({ from: `${src.namespace}/${src.name}`, to: dst.address, port: p.port, protocol: p.protocol }))));
}

interface Endpoint { address: string; ports: readonly PortSpec[] }

/** True when the entry is sound. */
function checkEntry(e: TrafficEntryFile, inventory: Inventory, at: FieldPath, report: Report): boolean {
  const from = addressOf(e.from);
  const to = addressOf(e.to);
  if (!from || !to) return false; // the schema has reported it
  const pods: Endpoint[] = inventory.pods.map((p) => ({ address: `${p.namespace}/${p.name}`, ports: p.ports }));
  const externals: Endpoint[] = inventory.externals.map((x) => ({ address: `external:${x.name}`, ports: x.ports }));
  const sources = pods.filter((p) => addressMatches(from, p.address));
  const targets = (to.kind === 'external' ? externals : pods).filter((d) => addressMatches(to, d.address));
  const noun = to.kind === 'external' ? 'external' : 'pod';
  if (sources.length === 0) report([...at, 'from'], `traffic from ${e.from} matches no pod of the scenario`);
  if (targets.length === 0) report([...at, 'to'], `traffic to ${e.to} matches no ${noun} of the scenario`);
  if (sources.length === 0 || targets.length === 0) return false;
  const { port, protocol } = e.port;
  const serving = targets.filter((d) => d.ports.some((p) => p.port === port && p.protocol === protocol));
  if (serving.length === 0) {
    const served = [...new Set(targets.flatMap((d) => d.ports.map((p) => `${p.port}/${p.protocol}`)))];
    const they = targets.length === 1 ? `${targets[0]?.address} serves` : `they serve`;
    report([...at, 'port'], `no ${noun} matching ${e.to} serves ${port}/${protocol} (${they} ${list(served)})`);
    return false;
  }
  if (sources.every((s) => serving.every((d) => d.address === s.address))) {
    report(at, `traffic from ${e.from} to ${e.to} is only a pod to itself, and that traffic never leaves the pod: this entry makes no pair`);
    return false;
  }
  return true;
}

function addressOf(text: string): Address | undefined {
  const a = parseAddress(text);
  return typeof a === 'string' ? undefined : a;
}

function list(items: readonly string[]): string {
  return items.length <= 8 ? items.join(', ') : `${items.slice(0, 8).join(', ')} and ${items.length - 8} more`;
}
