// Goldmane's Flows.List through a port-forward to its pod: opened once per run, paged.
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';
import { readAllPages, pinnedEnd, type FlowPage } from './flow-pages.ts';
import { flowListResultSchema, type FlowResult } from './flow-schema.ts';
import { forwardPort, type Forwarded } from './port-forward.ts';

export interface FlowQuery {
  /** Unix seconds: flows of aggregation windows that start at or after it. */
  startTimeGte: number;
  /** Unix seconds: only windows that end by then (0 or absent: up to now). */
  startTimeLt?: number;
  sourceNamespaces?: string[];
  destNamespaces?: string[];
  /** At most this many pages of 1,000 (default 200); more is a TooManyFlowPagesError, never a cut list. */
  maxPages?: number;
}

export interface GoldmaneTls { ca: Buffer; cert: Buffer; key: Buffer; serverName?: string }

export interface GoldmaneTarget {
  kubeconfig: k8s.KubeConfig;
  namespace: string;
  /** Goldmane's gRPC port (7443). */
  port: number;
  /** Calico's goldmane/proto/api.proto, from its Go module. */
  protoPath: string;
  /** mTLS material where Goldmane requires it (operator installs); plain gRPC without. */
  tls?: GoldmaneTls;
  /** The cluster's Calico version, named when Goldmane answers in a shape the proto does not know. */
  calicoVersion?: string;
  /** Unix seconds now (default the system's): where a query open at its end is pinned. */
  nowSeconds?: () => number;
}

/** An open connection to Goldmane; close it with `await using`. */
export interface GoldmaneReader extends AsyncDisposable {
  /** Every flow matching the query, all pages (each page one List call, counted in `calls`). */
  list(q: FlowQuery): Promise<FlowResult[]>;
  readonly calls: number;
}

type ListFn = (req: object, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;

const pageSize = 1000;
const defaultMaxPages = 200;

export async function openGoldmane(t: GoldmaneTarget): Promise<GoldmaneReader> {
  const core = t.kubeconfig.makeApiClient(k8s.CoreV1Api);
  let pod: string | undefined;
  try {
    const pods = await core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'k8s-app=goldmane' });
    pod = pods.items.find((p) => p.status?.phase === 'Running' && p.metadata?.deletionTimestamp === undefined)?.metadata?.name;
  } catch (e) {
    throw new EnvironmentError(`could not list Goldmane's pods in ${t.namespace}: ${e instanceof Error ? e.message : String(e)}`, {
      hint: `these credentials need list on pods in ${t.namespace} and create on pods/portforward (harness/rbac/tierprobe-run.yaml); or run with --no-flows`,
    }, { cause: e });
  }
  if (!pod) throw new EnvironmentError(`Goldmane is not running in ${t.namespace} (no Running pod labelled k8s-app=goldmane)`, { hint: 'npx tierprobe cluster status; or run with --no-flows (the flow-log leg is then not checked)' });
  const fwd = await forwardPort(t.kubeconfig, t.namespace, pod, t.port);
  const def = protoLoader.loadSync(t.protoPath, { keepCase: true, enums: String, longs: String, defaults: true });
  const pkg = grpc.loadPackageDefinition(def)['goldmane'];
  const Flows = pkg && typeof pkg !== 'function' && !('format' in pkg) ? pkg['Flows'] : undefined;
  if (typeof Flows !== 'function') throw new Error(`no goldmane.Flows service in ${t.protoPath}`);
  const credentials = t.tls ? grpc.credentials.createSsl(t.tls.ca, t.tls.key, t.tls.cert) : grpc.credentials.createInsecure();
  const options = t.tls?.serverName ? { 'grpc.ssl_target_name_override': t.tls.serverName } : {};
  const client = new Flows(`127.0.0.1:${fwd.port}`, credentials, options);
  const list = client['List'] as ListFn | undefined;
  if (!list) throw new Error('goldmane.Flows has no List');
  let calls = 0;
  const where = `${t.namespace}/${pod}:${t.port}`;
  const page = async (q: FlowQuery, n: number): Promise<FlowPage> => {
    calls++;
    const match = (values: string[] | undefined) => (values ?? []).map((value) => ({ value, type: 'Exact' }));
    const request = {
      start_time_gte: q.startTimeGte, start_time_lt: q.startTimeLt, page: n, page_size: pageSize,
      filter: { source_namespaces: match(q.sourceNamespaces), dest_namespaces: match(q.destNamespaces) },
    };
    const res = await new Promise<unknown>((resolve, reject) => {
      list.call(client, request, (err, r) => (err ? reject(err) : resolve(r)));
    }).catch((e: unknown) => { throw listFailure(e, fwd, where); });
    const parsed = flowListResultSchema.safeParse(res);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EnvironmentError(`Goldmane at ${where} (Calico ${t.calicoVersion ?? 'version unknown'}) answered Flows.List in a shape tierprobe does not know (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'})`, {
        hint: `tierprobe decodes flows with goldmane/proto/api.proto of ${t.protoPath}; a Calico whose proto differs needs that version's proto, or run with --no-flows`,
      });
    }
    return { flows: parsed.data.flows, totalPages: parsed.data.meta?.totalPages ?? 1 };
  };
  return {
    get calls() { return calls; },
    async list(q) {
      const pinned = { ...q, startTimeLt: pinnedEnd(q.startTimeLt, (t.nowSeconds ?? (() => Date.now() / 1000))()) };
      return readAllPages((n) => page(pinned, n), { maxPages: q.maxPages ?? defaultMaxPages, where: `Goldmane at ${where}`, pageSize });
    },
    async [Symbol.asyncDispose]() {
      client.close();
      await fwd[Symbol.asyncDispose]();
    },
  };
}

function listFailure(e: unknown, fwd: Forwarded, where: string): EnvironmentError {
  // A gRPC "unavailable" hides why: the port-forward's own failure says it.
  const forward = fwd.lastError();
  return new EnvironmentError(`Goldmane's Flows.List failed: ${e instanceof Error ? e.message : String(e)}${forward ? `; the port-forward to ${where} failed: ${forward.message}` : ''}`, {
    hint: 'check Goldmane (npx tierprobe cluster status) and that these credentials may port-forward to it (pods/portforward); or run with --no-flows',
  }, { cause: e });
}

/** One List (all pages) over a fresh connection: for a caller that reads once. */
export async function listFlows(t: GoldmaneTarget, q: FlowQuery): Promise<FlowResult[]> {
  await using reader = await openGoldmane(t);
  // Awaited here: returning the bare promise would dispose of the connection (closing the
  // channel) before the List had started ("Channel closed before call started").
  return await reader.list(q);
}

/** Where the proto sits inside the Calico module. */
export function goldmaneProto(calicoModuleDir: string): string {
  return join(calicoModuleDir, 'goldmane', 'proto', 'api.proto');
}
