// How often Felix flushes flow logs and how wide Goldmane's buckets are, read from the cluster
// (read-only): together they bound how long a step waits for its flow evidence.
import * as k8s from '@kubernetes/client-node';
import type { KubeClients } from '../kube-clients.ts';

export interface FlowSettings {
  /** Felix's flowLogsFlushInterval, seconds. */
  flushSeconds: number;
  /** Goldmane's AGGREGATION_WINDOW, seconds. */
  windowSeconds: number;
  /** Where each came from, for the log and results.json. */
  from: { flush: string; window: string };
}

/** Calico's defaults (felix config params; goldmane daemon config). */
export const calicoDefaults = { flushSeconds: 300, windowSeconds: 15 } as const;

/**
 * Felix takes FELIX_FLOWLOGSFLUSHINTERVAL from calico-node's environment over the `default`
 * FelixConfiguration (a per-node FelixConfiguration is not read); Goldmane takes AGGREGATION_WINDOW
 * from its Deployment. What cannot be read falls back to Calico's default, and says so.
 */
export async function readFlowSettings(clients: KubeClients, goldmaneNamespace: string): Promise<FlowSettings> {
  const apps = clients.config.makeApiClient(k8s.AppsV1Api);
  const env = async (read: () => Promise<k8s.V1DaemonSet | k8s.V1Deployment>, name: string): Promise<string | undefined> => {
    try {
      const o = await read();
      return o.spec?.template.spec?.containers.flatMap((c) => c.env ?? []).find((e) => e.name === name)?.value;
    } catch {
      return undefined;
    }
  };
  let flush: { seconds: number; from: string } | undefined;
  for (const namespace of ['kube-system', 'calico-system']) {
    const v = await env(() => apps.readNamespacedDaemonSet({ name: 'calico-node', namespace }), 'FELIX_FLOWLOGSFLUSHINTERVAL');
    const seconds = v === undefined ? undefined : durationSeconds(v);
    if (seconds !== undefined) { flush = { seconds, from: `${namespace}/calico-node FELIX_FLOWLOGSFLUSHINTERVAL=${v}` }; break; }
  }
  if (!flush) {
    try {
      const fc = await clients.config.makeApiClient(k8s.CustomObjectsApi).getClusterCustomObject({ group: 'crd.projectcalico.org', version: 'v1', plural: 'felixconfigurations', name: 'default' }) as { spec?: { flowLogsFlushInterval?: unknown } };
      const v = fc.spec?.flowLogsFlushInterval;
      const seconds = typeof v === 'string' ? durationSeconds(v) : undefined;
      if (seconds !== undefined) flush = { seconds, from: `FelixConfiguration default flowLogsFlushInterval=${String(v)}` };
    } catch {
      // no FelixConfiguration readable: the default below
    }
  }
  const w = await env(() => apps.readNamespacedDeployment({ name: 'goldmane', namespace: goldmaneNamespace }), 'AGGREGATION_WINDOW');
  const window = w === undefined ? undefined : durationSeconds(w);
  return {
    flushSeconds: flush?.seconds ?? calicoDefaults.flushSeconds,
    windowSeconds: window ?? calicoDefaults.windowSeconds,
    from: {
      flush: flush?.from ?? `Calico's default (${calicoDefaults.flushSeconds} s; not set on calico-node or FelixConfiguration default)`,
      window: window === undefined ? `Calico's default (${calicoDefaults.windowSeconds} s)` : `${goldmaneNamespace}/goldmane AGGREGATION_WINDOW=${w}`,
    },
  };
}

/** "5", "5s", "1m30s", "300ms" as seconds; undefined when it is none of these. */
export function durationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] ?? 's'] ?? 1), 0);
}
