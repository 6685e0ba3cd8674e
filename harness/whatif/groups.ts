// Flips grouped by (source namespace -> destination namespace), the way a reviewer reads a
// change: which teams' traffic it moves. A Service counts in its namespace; an external, which has
// none, is a destination group of its own, named by its address (external:NAME, which no namespace
// name can be). Pure.
import type { CellFlip } from './types.ts';

export interface FlipGroup {
  from: string;
  to: string;
  flips: CellFlip[];
  /** Of flips: how many change the enforced verdict. */
  enforced: number;
}

/** The namespace of a cell's endpoint: `ns/pod`, `svc:ns/name`; an external has none. */
export function namespaceOf(address: string): string | undefined {
  if (address.startsWith('external:')) return undefined;
  const bare = address.startsWith('svc:') ? address.slice('svc:'.length) : address;
  return bare.slice(0, bare.indexOf('/'));
}

/** In the order their first flip comes in the matrix (inventory order). */
export function groupFlips(flips: readonly CellFlip[]): FlipGroup[] {
  const groups = new Map<string, FlipGroup>();
  for (const flip of flips) {
    const from = namespaceOf(flip.from) ?? flip.from;
    const to = namespaceOf(flip.to) ?? flip.to;
    const key = `${from}\u0000${to}`;
    const group = groups.get(key) ?? { from, to, flips: [], enforced: 0 };
    group.flips.push(flip);
    if (flip.changed[0] === 'verdict') group.enforced++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** `deny → allow`: the enforced verdict's way of a flip. */
export function flipDirection(flip: CellFlip): string {
  return `${flip.before.verdict} → ${flip.after.verdict}`;
}

/** How many enforced flips go each way, most first: `2 deny → allow, 1 allow → deny`. */
export function directionCounts(flips: readonly CellFlip[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of flips) if (f.changed[0] === 'verdict') counts.set(flipDirection(f), (counts.get(flipDirection(f)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
