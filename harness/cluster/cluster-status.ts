import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import type { ClusterStatus, ComponentStatus } from './provider.ts';
import { requiredWorkloads, type Workload } from './workloads.ts';

function httpCode(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'number' ? e.code : undefined;
}

async function workloadStatus(kc: k8s.KubeConfig, w: Workload): Promise<ComponentStatus> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  try {
    if (w.kind === 'DaemonSet') {
      const ds = await apps.readNamespacedDaemonSet({ name: w.name, namespace: w.namespace });
      const want = ds.status?.desiredNumberScheduled ?? 0;
      const ready = ds.status?.numberReady ?? 0;
      return { name: w.label, ready: want > 0 && ready === want, detail: `${ready}/${want} ready` };
    }
    const d = await apps.readNamespacedDeployment({ name: w.name, namespace: w.namespace });
    const want = d.spec?.replicas ?? 1;
    const ready = d.status?.readyReplicas ?? 0;
    return { name: w.label, ready: ready >= want, detail: `${ready}/${want} ready` };
  } catch (e) {
    if (httpCode(e) === 404) return { name: w.label, ready: false, detail: `${w.kind} ${w.namespace}/${w.name} not found` };
    throw e;
  }
}

const clusterInformation = z.object({ spec: z.object({ calicoVersion: z.string().optional(), cnxVersion: z.string().optional() }).optional() });

/** ClusterInformation "default": Calico's version, and Enterprise's (cnxVersion) where it is that variant. */
async function calicoVersion(kc: k8s.KubeConfig): Promise<{ calicoVersion?: string; calicoVariant?: string }> {
  let info: unknown;
  try {
    info = await kc.makeApiClient(k8s.CustomObjectsApi).getClusterCustomObject({
      group: 'crd.projectcalico.org', version: 'v1', plural: 'clusterinformations', name: 'default',
    });
  } catch (e) {
    if (httpCode(e) === 404) return {}; // no Calico (or not yet)
    throw e;
  }
  const spec = clusterInformation.safeParse(info).data?.spec;
  return {
    ...(spec?.calicoVersion ? { calicoVersion: spec.calicoVersion } : {}),
    ...(spec?.cnxVersion ? { calicoVariant: `Calico Enterprise ${spec.cnxVersion}` } : {}),
  };
}

/** Reads node readiness, the required workloads and the versions from the API server. */
export async function readClusterStatus(kc: k8s.KubeConfig, workloads: readonly Workload[] = requiredWorkloads): Promise<ClusterStatus> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const nodeList = await core.listNode();
  const nodes = nodeList.items.map((n): ComponentStatus => {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    return { name: n.metadata?.name ?? '?', ready: ready?.status === 'True', detail: ready?.reason ?? 'no Ready condition' };
  });
  const components = await Promise.all(workloads.map((w) => workloadStatus(kc, w)));
  return {
    exists: true,
    nodes,
    components,
    ...await calicoVersion(kc),
    kubernetesVersion: nodeList.items[0]?.status?.nodeInfo?.kubeletVersion,
  };
}
