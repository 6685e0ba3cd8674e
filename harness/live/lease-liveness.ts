// Which runs are alive at a moment, from their Leases: renewed less than the lease's duration
// ago. A lease never renewed (no renewTime) counts as lapsed long ago.
import type { V1Lease } from '@kubernetes/client-node';
import { runLabel } from './labels.ts';

/** How long a run's lease lasts without renewal (the run renews it every 5 s). */
export const leaseSeconds = 20;

/** Run id -> holder (host/pid, '?' when unset) of every lease alive at nowMs. */
export function aliveLeases(leases: readonly Pick<V1Lease, 'metadata' | 'spec'>[], nowMs: number): Map<string, string> {
  const live = new Map<string, string>();
  for (const l of leases) {
    const run = l.metadata?.labels?.[runLabel];
    const renewed = l.spec?.renewTime ? new Date(l.spec.renewTime).getTime() : 0;
    if (run && renewed + (l.spec?.leaseDurationSeconds ?? leaseSeconds) * 1000 > nowMs) live.set(run, l.spec?.holderIdentity ?? '?');
  }
  return live;
}
