// Two probe pods on different nodes, for the cluster suite.
import * as k8s from '@kubernetes/client-node';
import { probeContainer } from '../../../harness/live/deploy/manifests.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { waitUntil } from '../../../harness/time/wait-until.ts';

export const namespace = 'tierprobe-e2e-cluster';
// Not the runner's owner label: a run's clean-up of crashed runs must not take this suite's pods.
export const owner = { 'tierprobe.dev/owned-by': 'tierprobe-e2e-cluster' };

function probePod(name: string, node: string, image: string): k8s.V1Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, labels: { ...owner, app: name } },
    spec: {
      nodeName: node,
      automountServiceAccountToken: false,
      tolerations: [{ operator: 'Exists' }],
      securityContext: { runAsUser: 65532, runAsGroup: 65532, runAsNonRoot: true, sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] },
      containers: [{
        name: probeContainer, image, imagePullPolicy: 'IfNotPresent', args: ['serve'],
        env: [{ name: 'TIERPROBE_PORTS', value: '80/TCP,80/UDP' }, { name: 'POD_NAME', value: name }],
        readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 },
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
        securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }],
    },
  };
}

/** Creates the namespace and a client and a server pod, and waits until both are Ready. */
export async function createPods(kc: k8s.KubeConfig, nodes: string[], image: string): Promise<{ clientIp: string; serverIp: string }> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace, labels: owner } } });
  // Pods are refused until the controller manager has made the namespace's default ServiceAccount.
  const sa = await waitUntil(() => core.readNamespacedServiceAccount({ name: 'default', namespace }), () => true,
    { clock: systemClock, timeoutMs: 60_000, intervalMs: 250 });
  if (!sa.done) throw new Error(`no default ServiceAccount in ${namespace} after 60 s`);
  const [first, second] = [nodes[0] ?? '', nodes[1] ?? nodes[0] ?? ''];
  await core.createNamespacedPod({ namespace, body: probePod('client', first, image) });
  await core.createNamespacedPod({ namespace, body: probePod('server', second, image) });
  const ready = await waitUntil(async () => (await core.listNamespacedPod({ namespace })).items, (pods) =>
    pods.length === 2 && pods.every((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')),
  { clock: systemClock, timeoutMs: 90_000, intervalMs: 500 });
  if (!ready.done) throw new Error(`probe pods not Ready: ${JSON.stringify(ready.last?.map((p) => p.status?.containerStatuses))}`);
  const ip = (name: string) => ready.value.find((p) => p.metadata?.name === name)?.status?.podIP ?? '';
  return { clientIp: ip('client'), serverIp: ip('server') };
}

/** Deletes the namespace and waits until it is gone. */
export async function deletePods(kc: k8s.KubeConfig): Promise<void> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  await waitUntil(() => core.readNamespace({ name: namespace }).then(() => true, () => false), (exists) => !exists,
    { clock: systemClock, timeoutMs: 120_000, intervalMs: 1000 });
}
