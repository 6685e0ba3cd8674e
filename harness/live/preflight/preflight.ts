// Before a run writes anything (its Lease included): every namespace and cluster-scoped
// object it will write is looked up. One that exists without tierprobe's owner label is
// someone else's: the run is refused, naming it, and the cluster is left as it was. One that
// a live tierprobe run holds is waited for (that run deletes it when it ends); one a dead
// run left is fine: leftover cleanup removes it before the run deploys.
import { EnvironmentError } from '../../errors.ts';
import type { ResourceId } from '../../model/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import type { Clock } from '../../time/clock.ts';
import { waitUntil } from '../../time/wait-until.ts';
import type { KubeClients } from '../kube-clients.ts';
import { isForbidden } from '../kube-error.ts';
import { isOwned, runLabel } from '../labels.ts';
import type { Logger } from '../logger.ts';
import { describeId } from '../policies/policy-client.ts';
import { liveRuns } from '../run-lease.ts';
import { runClaims } from './claims.ts';
import { ForeignObjectError } from './foreign-object-error.ts';
import { lookUp } from './look-up.ts';

export interface PreflightOptions {
  clock: Clock;
  logger: Logger;
  /** How long to wait for live runs holding what this run needs. */
  waitForOthersMs?: number;
  signal?: AbortSignal;
}

interface Held { id: ResourceId; run: string; holder: string }

export async function preflight(clients: KubeClients, scenario: Pick<Scenario, 'inventory' | 'steps'>, o: PreflightOptions): Promise<void> {
  const claims = runClaims(scenario);
  const look = async (): Promise<Held[]> => {
    const live = await liveRuns(clients);
    const existing = await lookUp(clients, claims);
    const foreign = existing.filter((e) => !isOwned(e.labels));
    if (foreign.length > 0) throw new ForeignObjectError(foreign.map((f) => describeId(f.id)));
    return existing.flatMap((e) => {
      const run = e.labels?.[runLabel] ?? '';
      const holder = live.get(run);
      return holder === undefined ? [] : [{ id: e.id, run, holder }];
    });
  };
  let held = await look();
  if (held.length === 0) return;
  o.logger.info(`${describeHeld(held)}: waiting for that run to end`);
  const done = await waitUntil(async () => { held = await look(); return held; }, (h) => h.length === 0,
    { clock: o.clock, timeoutMs: o.waitForOthersMs ?? 120_000, intervalMs: 2_000, stopOn: isFinal, ...(o.signal ? { signal: o.signal } : {}) });
  if (!done.done) {
    throw new EnvironmentError(`${describeHeld(held)}, and it is still going`, {
      hint: 'wait for that run to finish, or stop it; a run that died is cleared once its lease expires (20 s)',
    });
  }
}

/** Someone else's object, or a request the API refuses: waiting changes nothing. */
function isFinal(e: unknown): boolean {
  return e instanceof ForeignObjectError || isForbidden(e);
}

function describeHeld(held: readonly Held[]): string {
  return `${held.map((h) => describeId(h.id)).join(', ')} belong${held.length === 1 ? 's' : ''} to another tierprobe run (${[...new Set(held.map((h) => `${h.run} held by ${h.holder}`))].join('; ')})`;
}
