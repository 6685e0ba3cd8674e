// Reading a capture's pods-map.json back, and counting through it: a flip of one probe pod's cell
// is a flip for every real pod it stands for.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PodsMap } from './types.ts';

const podsMapSchema = z.object({
  context: z.string(),
  representatives: z.record(z.string(), z.array(z.string())),
  podCIDR: z.array(z.string()),
  serviceCIDR: z.array(z.string()),
});

/** DIR/pods-map.json, or undefined where there is none (a scenario that is no capture). */
export async function readPodsMap(path: string): Promise<PodsMap | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return podsMapSchema.parse(JSON.parse(text));
}

/** How many real cells and pods some cells (addressed by probe pod) stand for. Pure. */
export function realReach(cells: readonly { from: string; to: string }[], map: PodsMap): { cells: number; sources: number; destinations: number } {
  const real = (a: string) => map.representatives[a] ?? [a];
  const sources = new Set<string>();
  const destinations = new Set<string>();
  let count = 0;
  for (const c of cells) {
    const from = real(c.from);
    const to = real(c.to);
    count += from.length * to.length;
    for (const f of from) sources.add(f);
    for (const t of to) destinations.add(t);
  }
  return { cells: count, sources: sources.size, destinations: destinations.size };
}
