// Before a run deploys: remove what dead runs left. (A live run that holds something this run
// needs was waited for by the preflight, before anything was written.)
import type { ClusterSession } from '../../cluster/session.ts';
import type { Clock } from '../../time/clock.ts';
import { removeOwnedContainers } from '../externals/externals.ts';
import type { KubeClients } from '../kube-clients.ts';
import type { Logger } from '../logger.ts';
import { liveRuns } from '../run-lease.ts';
import { leftoverFilter } from './owned-filter.ts';
import { removeOwned } from './remove-owned.ts';

export interface ClearOptions { clock: Clock; logger: Logger }

/** Deletes what runs without a live lease left (containers, namespaces, policies); a live run's stay. */
export async function clearLeftovers(clients: KubeClients, session: ClusterSession, o: ClearOptions): Promise<void> {
  const live = await liveRuns(clients);
  const filter = leftoverFilter(live.keys());
  const containers = session.dockerNetwork === undefined ? 0 : await removeOwnedContainers(filter);
  const resources = await removeOwned(clients, session.calico, filter, o);
  if (containers + resources > 0) o.logger.info(`removed ${resources} resource(s) and ${containers} container(s) left by runs that are gone`);
}
