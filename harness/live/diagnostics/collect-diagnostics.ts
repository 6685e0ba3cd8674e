// What a maintainer needs when a run failed or the dataplane disagreed with the model, taken
// before cleanup removes the run's objects: Calico's logs for the run's window (Felix in
// calico-node, Goldmane, kube-controllers), the run's objects as the API server stores them,
// and node and pod status. Every file is size-bounded; a part that cannot be read says why.
import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import type { KubeClients } from '../kube-clients.ts';
import { apiMessage } from '../kube-error.ts';
import { runLabel } from '../labels.ts';

/** One file of the diagnostics directory: name -> text. */
export type Diagnostics = Map<string, string>;

export const maxLogBytes = 1024 * 1024;
const maxObjectBytes = 1024 * 1024;
const calicoApps = ['calico-node', 'calico-kube-controllers', 'goldmane'];
const calicoPlurals = ['tiers', 'globalnetworkpolicies', 'stagedglobalnetworkpolicies', 'globalnetworksets',
  'networkpolicies', 'stagednetworkpolicies', 'stagedkubernetesnetworkpolicies', 'networksets'];
const crdItems = z.object({ items: z.array(z.object({ metadata: z.object({ annotations: z.record(z.string(), z.string()).optional() }).loose() }).loose()) });

export async function collectDiagnostics(clients: KubeClients, o: { runId: string; namespaces: readonly string[]; startedAt: string; nowMs?: number }): Promise<Diagnostics> {
  const out: Diagnostics = new Map();
  const attempt = async (name: string, read: () => Promise<string>) => {
    try {
      out.set(name, bounded(await read(), name.endsWith('.log') ? maxLogBytes : maxObjectBytes));
    } catch (e) {
      out.set(`${name}.error.txt`, `could not read it: ${apiMessage(e)}\n`);
    }
  };
  const sinceSeconds = Math.max(1, Math.ceil(((o.nowMs ?? Date.now()) - Date.parse(o.startedAt)) / 1000) + 30);
  const calico = await clients.core.listPodForAllNamespaces({ labelSelector: `k8s-app in (${calicoApps.join(',')})` }).catch(() => undefined);
  if (!calico) out.set('logs.error.txt', 'could not list Calico\'s pods (k8s-app in calico-node, calico-kube-controllers, goldmane)\n');
  for (const pod of calico?.items ?? []) {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    for (const c of pod.spec?.containers ?? []) {
      await attempt(`logs/${namespace}_${name}_${c.name}.log`, () =>
        clients.core.readNamespacedPodLog({ name, namespace, container: c.name, sinceSeconds, timestamps: true, limitBytes: maxLogBytes }));
    }
  }
  const selector = `${runLabel}=${o.runId}`;
  await attempt('status/nodes.json', async () => json((await clients.core.listNode()).items.map((n) => ({
    name: n.metadata?.name, unschedulable: n.spec?.unschedulable ?? false, taints: n.spec?.taints ?? [], conditions: n.status?.conditions ?? [],
  }))));
  await attempt('status/pods.json', async () => json((await clients.core.listPodForAllNamespaces({ labelSelector: selector })).items.map((p) => ({
    pod: `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`, node: p.spec?.nodeName, ip: p.status?.podIP, phase: p.status?.phase,
    conditions: p.status?.conditions ?? [], containers: p.status?.containerStatuses ?? [],
  }))));
  await attempt('objects/namespaces.json', async () => json((await clients.core.listNamespace({ labelSelector: selector })).items));
  await attempt('objects/networkpolicies.json', async () =>
    json((await clients.config.makeApiClient(k8s.NetworkingV1Api).listNetworkPolicyForAllNamespaces({ labelSelector: selector })).items));
  const custom = clients.config.makeApiClient(k8s.CustomObjectsApi);
  for (const plural of ['adminnetworkpolicies', 'baselineadminnetworkpolicies']) {
    await attempt(`objects/${plural}.json`, async () => json(crdItems.parse(
      await custom.listClusterCustomObject({ group: 'policy.networking.k8s.io', version: 'v1alpha1', plural, labelSelector: selector })).items));
  }
  for (const plural of calicoPlurals) {
    await attempt(`objects/${plural}.crd.projectcalico.org.json`, async () => {
      const list = crdItems.parse(await custom.listClusterCustomObject({ group: 'crd.projectcalico.org', version: 'v1', plural }));
      // Calico keeps the v3 labels in an annotation: the run's objects are those whose v3 labels name it.
      return json(list.items.filter((i) => (i.metadata.annotations?.['projectcalico.org/metadata'] ?? '').includes(`"${runLabel}":"${o.runId}"`)));
    });
  }
  return out;
}

function json(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

/** At most max bytes of text; a cut file says so at its end. */
export function bounded(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const cut = Buffer.from(text).subarray(0, max).toString('utf8');
  return `${cut}\n... cut at ${max} bytes (of ${Buffer.byteLength(text)})\n`;
}
