// Starting and removing the run's externals. Containers carry tierprobe's labels, so a crashed
// run's are found and removed by the next one.
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { EnvironmentError } from '../../errors.ts';
import type { ExternalSpec } from '../../model/index.ts';
import type { Logger } from '../logger.ts';
import { ownedLabels } from '../labels.ts';
import { externalContainer } from './external-container.ts';
import { matches, type OwnedFilter } from '../cleanup/owned-filter.ts';

// Set before testcontainers looks: its reaper container would be pulled from a registry.
process.env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';

export interface StartedExternals extends AsyncDisposable { containers: StartedTestContainer[] }

/** keep: leave the containers running when disposed (--keep); the next run removes them by label. */
export async function startExternals(externals: readonly ExternalSpec[], o: { image: string; network: string | undefined; runId: string; keep: boolean; logger: Logger }): Promise<StartedExternals> {
  const containers: StartedTestContainer[] = [];
  const stopAll = async () => { await Promise.all(containers.map((c) => c.stop({ remove: true, timeout: 1 }).catch(() => undefined))); };
  if (externals.length > 0 && o.network === undefined) {
    throw new EnvironmentError('the scenario has externals, but this cluster has no Docker network to start them on', {
      hint: 'externals need provider: kind (their containers join the nodes\' Docker network); remove them for an existing cluster',
    });
  }
  try {
    for (const e of externals) {
      o.logger.info(`starting external ${e.name} at ${e.ip}`);
      const labels = { ...ownedLabels(o.runId), 'tierprobe.dev/external': e.name };
      containers.push(await externalContainer(e, { image: o.image, network: o.network ?? '', labels, name: `tierprobe-external-${e.name}-${o.runId}` }).start());
    }
  } catch (cause) {
    await stopAll();
    const message = cause instanceof Error ? cause.message : String(cause);
    const hint = /user configured subnets/.test(message)
      ? `Docker chose the IPv4 subnet of network "${o.network ?? ''}", and gives fixed addresses only on configured ones: recreate the cluster (npx tierprobe cluster down; npx tierprobe cluster up), which now creates the network with a configured subnet`
      : `is each address free and inside the subnet of network "${o.network ?? ''}" (docker network inspect ${o.network ?? ''})? Is Docker running?`;
    throw new EnvironmentError(`could not start the external containers: ${message}`, { hint, command: `docker network inspect ${o.network ?? ''}` }, { cause });
  }
  return { containers, [Symbol.asyncDispose]: o.keep ? async () => undefined : stopAll };
}

/** Removes the containers the filter takes (a run's, or what dead runs left). */
export async function removeOwnedContainers(filter: OwnedFilter): Promise<number> {
  const client = await getContainerRuntimeClient();
  const label = Object.entries(filter.labels).map(([k, v]) => `${k}=${v}`);
  const mine = (await client.container.dockerode.listContainers({ all: true, filters: { label } })).filter((c) => matches(filter, c.Labels));
  await Promise.all(mine.map((c) => client.container.getById(c.Id).remove({ force: true })));
  return mine.length;
}
