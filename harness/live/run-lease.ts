// A run says it is alive with a Lease it renews: the next run's leftover cleanup removes what
// runs without a live lease left behind (crashed, killed), never a run still going.
import { hostname } from 'node:os';
import * as k8s from '@kubernetes/client-node';
import type { Clock } from '../time/clock.ts';
import type { KubeClients } from './kube-clients.ts';
import { apiFailure, httpStatus } from './kube-error.ts';
import { ownedLabels, ownedSelector } from './labels.ts';
import { aliveLeases, leaseSeconds } from './lease-liveness.ts';

export const leaseNamespace = 'default';
const renewEveryMs = 5_000;

export interface RunLease extends AsyncDisposable { runId: string }

export async function holdRunLease(clients: KubeClients, runId: string, clock: Clock): Promise<RunLease> {
  const api = clients.config.makeApiClient(k8s.CoordinationV1Api);
  const name = `tierprobe-run-${runId}`;
  let lease: k8s.V1Lease;
  try {
    lease = await api.createNamespacedLease({ namespace: leaseNamespace, body: {
      metadata: { name, namespace: leaseNamespace, labels: ownedLabels(runId) },
      spec: { holderIdentity: `${hostname()}/${process.pid}`, leaseDurationSeconds: leaseSeconds, acquireTime: new k8s.V1MicroTime(), renewTime: new k8s.V1MicroTime() },
    } });
  } catch (e) {
    throw apiFailure(`create Lease ${leaseNamespace}/${name}`, e, 'tierprobe needs to create Leases in the default namespace (it marks a run as alive)');
  }
  const stop = new AbortController();
  const renewing = (async () => {
    while (!stop.signal.aborted) {
      try {
        await clock.sleep(renewEveryMs, stop.signal);
        lease = await api.replaceNamespacedLease({ name, namespace: leaseNamespace, body: { ...lease, spec: { ...lease.spec, renewTime: new k8s.V1MicroTime() } } });
      } catch {
        // Stopped, or one renewal failed: the next one tries again (the lease outlives three misses).
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
export async function liveRuns(clients: KubeClients, nowMs: number = Date.now()): Promise<Map<string, string>> {
  const api = clients.config.makeApiClient(k8s.CoordinationV1Api);
  const list = await api.listNamespacedLease({ namespace: leaseNamespace, labelSelector: ownedSelector }).catch((e: unknown) => {
    throw apiFailure(`list Leases in ${leaseNamespace}`, e);
  });
  return aliveLeases(list.items, nowMs);
}
