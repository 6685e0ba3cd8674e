// A run says it is alive with a Lease it renews: the next run's leftover cleanup removes what
// runs without a live lease left behind (crashed, killed), never a run still going.
import { hostname } from 'node:os';
import * as k8s from '@kubernetes/client-node';
import type { Clock } from '../time/clock.ts';
import type { KubeClients } from './kube-clients.ts';
import type { Logger } from './logger.ts';
import { apiFailure, httpStatus } from './kube-error.ts';
import { ownedLabels, ownedSelector } from './labels.ts';
import { aliveLeases, leaseSeconds } from './lease-liveness.ts';

export const leaseNamespace = 'default';
const renewEveryMs = 5_000;

export interface RunLease extends AsyncDisposable { runId: string }

/**
 * Times in leases are the API server's: every response's Date header says what time it is
 * there, and the local clock's offset from it is applied to what this run writes. So two
 * machines whose clocks disagree still agree on which runs are alive.
 */
export function serverTimeOffset(headers: Record<string, string> | undefined, localMs: number): number {
  const date = headers?.['date'] ?? headers?.['Date'];
  const server = date === undefined ? Number.NaN : Date.parse(date);
  return Number.isFinite(server) ? server - localMs : 0;
}

export async function holdRunLease(clients: KubeClients, runId: string, clock: Clock, logger: Logger): Promise<RunLease> {
  const api = clients.config.makeApiClient(k8s.CoordinationV1Api);
  const name = `tierprobe-run-${runId}`;
  let lease: k8s.V1Lease;
  let offset = 0;
  const serverNow = () => new k8s.V1MicroTime(Date.now() + offset);
  try {
    offset = serverTimeOffset((await api.listNamespacedLeaseWithHttpInfo({ namespace: leaseNamespace, limit: 1 })).headers, Date.now());
    lease = await api.createNamespacedLease({ namespace: leaseNamespace, body: {
      metadata: { name, namespace: leaseNamespace, labels: ownedLabels(runId) },
      spec: { holderIdentity: `${hostname()}/${process.pid}`, leaseDurationSeconds: leaseSeconds, acquireTime: serverNow(), renewTime: serverNow() },
    } });
  } catch (e) {
    throw apiFailure(`create Lease ${leaseNamespace}/${name}`, e, 'tierprobe needs to create Leases in the default namespace (it marks a run as alive)');
  }
  const stop = new AbortController();
  const renewing = (async () => {
    let renewedAt = Date.now();
    while (!stop.signal.aborted) {
      try {
        await clock.sleep(renewEveryMs, stop.signal);
      } catch {
        return; // stopped
      }
      try {
        const answer = await api.replaceNamespacedLeaseWithHttpInfo({ name, namespace: leaseNamespace, body: { ...lease, spec: { ...lease.spec, renewTime: serverNow() } } });
        lease = answer.data;
        offset = serverTimeOffset(answer.headers, Date.now());
        renewedAt = Date.now();
      } catch (e) {
        // The lease outlives three misses; past that, other runs may take this run for dead.
        const since = Math.round((Date.now() - renewedAt) / 1000);
        logger.warn(`could not renew this run's Lease ${leaseNamespace}/${name} (${since} s since the last renewal): ${e instanceof Error ? e.message : String(e)}`
          + (since >= leaseSeconds ? `; it has lapsed: another tierprobe run may now remove this run's resources` : ''));
      }
    }
  })();
  return {
    runId,
    async [Symbol.asyncDispose]() {
      stop.abort();
      await renewing;
      await api.deleteNamespacedLease({ name, namespace: leaseNamespace }).catch((e: unknown) => {
        if (httpStatus(e) !== 404) throw apiFailure(`delete Lease ${leaseNamespace}/${name}`, e);
      });
    },
  };
}

/** Run ids whose lease was renewed recently enough: those runs are alive. */
export async function liveRuns(clients: KubeClients): Promise<Map<string, string>> {
  const api = clients.config.makeApiClient(k8s.CoordinationV1Api);
  const answer = await api.listNamespacedLeaseWithHttpInfo({ namespace: leaseNamespace, labelSelector: ownedSelector }).catch((e: unknown) => {
    throw apiFailure(`list Leases in ${leaseNamespace}`, e);
  });
  // "Now" is the API server's (its Date header), as the renewal times are.
  return aliveLeases(answer.data.items, Date.now() + serverTimeOffset(answer.headers, Date.now()));
}
