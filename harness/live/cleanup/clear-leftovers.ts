// Before a run: remove what dead runs left, and wait for a live run that holds one of our
// namespaces to finish (or die) rather than pull its pods from under it.
import { EnvironmentError } from '../../errors.ts';
import type { ClusterSession } from '../../cluster/session.ts';
import type { Clock } from '../../time/clock.ts';
import { waitUntil } from '../../time/wait-until.ts';
import { removeOwnedContainers } from '../externals/externals.ts';
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure } from '../kube-error.ts';
import { ownedSelector, runLabel } from '../labels.ts';
import type { Logger } from '../logger.ts';
import { liveRuns } from '../run-lease.ts';
import { leftoverFilter } from './owned-filter.ts';
import { removeOwned } from './remove-owned.ts';

export interface ClearOptions { clock: Clock; logger: Logger; ownRunId: string; namespaces: readonly string[]; waitForOthersMs?: number }

export async function clearLeftovers(clients: KubeClients, session: ClusterSession, o: ClearOptions): Promise<void> {
  const clear = async () => {
    const live = await liveRuns(clients);
    const filter = leftoverFilter(live.keys());
    const containers = session.dockerNetwork === undefined ? 0 : await removeOwnedContainers(filter);
    const resources = await removeOwned(clients, session.calico, filter, o);
    if (containers + resources > 0) o.logger.info(`removed ${resources} resource(s) and ${containers} container(s) left by runs that are gone`);
    return live;
  };
  let live = await clear();
  const busy = async () => {
    const list = await clients.core.listNamespace({ labelSelector: ownedSelector }).catch((e: unknown) => { throw apiFailure('list namespaces', e); });
    return list.items.filter((n) => o.namespaces.includes(n.metadata?.name ?? '') && n.metadata?.labels?.[runLabel] !== o.ownRunId)
      .map((n) => ({ name: n.metadata?.name ?? '', run: n.metadata?.labels?.[runLabel] ?? '?' }));
  };
  let taken = await busy();
  if (taken.length === 0) return;
  o.logger.info(`namespace(s) ${taken.map((t) => `${t.name} (run ${t.run})`).join(', ')} belong to another tierprobe run: waiting for it to end`);
  const done = await waitUntil(async () => {
    live = await clear();
    taken = await busy();
    return taken;
  }, (t) => t.length === 0, { clock: o.clock, timeoutMs: o.waitForOthersMs ?? 120_000, intervalMs: 2_000 });
  if (!done.done) {
    const holders = taken.map((t) => `${t.name}: run ${t.run}${live.has(t.run) ? ` held by ${live.get(t.run) ?? '?'}` : ''}`).join('; ');
    throw new EnvironmentError(`namespace(s) in use by a tierprobe run that is still going (${holders})`, {
      hint: 'wait for that run to finish, or stop it; a run that died is cleared once its lease expires (20 s)',
    });
  }
}
