// A cell's verdict when it is known: offline, one that depends on pod addresses is 'unknown'.
import type { CellVerdict, Verdict } from './types.ts';

export function knownVerdict(v: CellVerdict): Verdict | undefined {
  return v === 'unknown' ? undefined : v;
}
