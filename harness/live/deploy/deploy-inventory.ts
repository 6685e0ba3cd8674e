// Namespaces and probe pods exactly as the scenario declares them, spread over the nodes.
import type { V1Toleration } from '@kubernetes/client-node';
import type { Inventory } from '../../model/index.ts';
import type { Clock } from '../../time/clock.ts';
import type { KubeClients } from '../kube-clients.ts';
import { startTask, type Logger } from '../logger.ts';
import { createObject, serverSideApply } from '../server-side-apply.ts';
import { namespaceManifest, probePodManifest, serviceAccountManifest } from './manifests.ts';
import { placePods, podKey } from './placement.ts';
import { waitForPods, type ReadyPod } from './wait-for-pods.ts';

export interface DeployOptions {
  runId: string;
  image: string;
  nodes: readonly string[];
  tolerations: V1Toleration[];
  readyTimeoutMs: number;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Fault injection (tests): `ns/pod` -> ports (`N/PROTO`) its agent does not listen on. */
  unserved?: ReadonlyMap<string, ReadonlySet<string>>;
  /** `ns/pod`s that send a step's traffic: they get the resources the load needs. */
  trafficSources?: ReadonlySet<string>;
}

/** Creates the inventory's namespaces, service accounts and pods; returns each pod's node and IP by ns/pod. */
export async function deployInventory(clients: KubeClients, inventory: Inventory, o: DeployOptions): Promise<Map<string, ReadyPod>> {
  // Created, not applied: one that exists now (someone else's, made after the preflight) is refused, not taken over.
  for (const ns of inventory.namespaces) await createObject(clients, namespaceManifest(ns, o.runId));
  // `default` too: in a new namespace the API server refuses pods until its ServiceAccount
  // exists, and on a cluster that just (re)started the controller manager makes it late.
  const accounts = new Set(inventory.pods.map((p) => `${p.namespace}/${p.serviceAccount}`));
  await Promise.all([...accounts].map((a) => {
    const [namespace = '', name = ''] = a.split('/');
    return serverSideApply(clients, serviceAccountManifest(namespace, name, o.runId));
  }));
  const placement = placePods(inventory.pods, o.nodes);
  await Promise.all(inventory.pods.map((p) => serverSideApply(clients, probePodManifest(p, { image: o.image, node: placement.get(podKey(p)) ?? '', runId: o.runId, tolerations: o.tolerations, ...unservedOf(o, p), trafficSource: o.trafficSources?.has(podKey(p)) === true }))));
  o.logger.info(`waiting for ${inventory.pods.length} probe pod(s) on ${o.nodes.length} node(s) to be Ready`);
  const task = startTask(o.logger, 'probe pods Ready', inventory.pods.length);
  const started = o.clock.now();
  try {
    const ready = await waitForPods(clients, inventory.pods, { runId: o.runId, timeoutMs: o.readyTimeoutMs, clock: o.clock, onReady: (n) => task.update(n), ...(o.signal ? { signal: o.signal } : {}) });
    task.end(`${ready.size} probe pod(s) Ready in ${((o.clock.now() - started) / 1000).toFixed(1)} s`);
    return ready;
  } catch (e) {
    task.end('probe pods: not all Ready');
    throw e;
  }
}

function unservedOf(o: DeployOptions, p: { namespace: string; name: string }): { unserved?: ReadonlySet<string> } {
  const ports = o.unserved?.get(podKey(p));
  return ports ? { unserved: ports } : {};
}
