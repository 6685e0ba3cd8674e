import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';
import { flowListResultSchema, type FlowResult } from './flow-schema.ts';
import { forwardPort } from './port-forward.ts';

export interface FlowQuery {
  /** Unix seconds; flows that started at or after it. */
  startTimeGte: number;
  sourceNamespaces?: string[];
  destNamespaces?: string[];
}

export interface GoldmaneTarget {
  kubeconfig: k8s.KubeConfig;
  namespace: string;
  /** Goldmane's gRPC port (7443 as tierprobe deploys it, plain gRPC). */
  port: number;
  /** Calico's goldmane/proto/api.proto, from its Go module. */
  protoPath: string;
}

type ListFn = (req: object, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;

/** Lists flows from Goldmane through a port-forward to its pod. */
export async function listFlows(t: GoldmaneTarget, q: FlowQuery): Promise<FlowResult[]> {
  const core = t.kubeconfig.makeApiClient(k8s.CoreV1Api);
  const pods = await core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'k8s-app=goldmane' });
  const pod = pods.items.find((p) => p.status?.phase === 'Running')?.metadata?.name;
  if (!pod) throw new EnvironmentError('Goldmane is not running', { hint: 'npx tierprobe cluster status' });
  await using fwd = await forwardPort(t.kubeconfig, t.namespace, pod, t.port);
  const def = protoLoader.loadSync(t.protoPath, { keepCase: true, enums: String, longs: String, defaults: true });
  const ns = grpc.loadPackageDefinition(def)['goldmane'];
  const Flows = ns && typeof ns !== 'function' && !('format' in ns) ? ns['Flows'] : undefined;
  if (typeof Flows !== 'function') throw new Error(`no goldmane.Flows service in ${t.protoPath}`);
  const client = new Flows(`127.0.0.1:${fwd.port}`, grpc.credentials.createInsecure());
  try {
    const match = (values: string[] | undefined) => (values ?? []).map((value) => ({ value, type: 'Exact' }));
    const request = {
      start_time_gte: q.startTimeGte,
      page_size: 1000,
      filter: { source_namespaces: match(q.sourceNamespaces), dest_namespaces: match(q.destNamespaces) },
    };
    const list = client['List'] as ListFn | undefined;
    if (!list) throw new Error('goldmane.Flows has no List');
    const res = await new Promise<unknown>((resolve, reject) => {
      list.call(client, request, (err, r) => (err ? reject(err) : resolve(r)));
    }).catch((e: unknown) => {
      // A gRPC "unavailable" hides why: the port-forward's own failure says it.
      const forward = fwd.lastError();
      throw new EnvironmentError(`Goldmane's Flows.List failed: ${e instanceof Error ? e.message : String(e)}${forward ? `; the port-forward to ${t.namespace}/${pod}:${t.port} failed: ${forward.message}` : ''}`, {
        hint: 'check Goldmane (npx tierprobe cluster status) and that these credentials may port-forward to it (pods/portforward)',
      }, { cause: e });
    });
    return flowListResultSchema.parse(res).flows;
  } finally {
    client.close();
  }
}

/** Where the proto sits inside the Calico module. */
export function goldmaneProto(calicoModuleDir: string): string {
  return join(calicoModuleDir, 'goldmane', 'proto', 'api.proto');
}
