// What the live e2e suites share: one session on the kind cluster, the CLI in-process, and
// looks at the cluster to check what a run left behind.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { openSession, contextsFromEnv, type ClusterSession } from '../../../harness/cluster/index.ts';
import { runCli } from '../../../harness/cli/cli.ts';
import { ownedCalicoResources } from '../../../harness/live/cleanup/calico-owned.ts';
import { runFilter } from '../../../harness/live/cleanup/owned-filter.ts';
import { kubeClients, type KubeClients } from '../../../harness/live/kube-clients.ts';
import { runLabel } from '../../../harness/live/labels.ts';
import { systemClock } from '../../../harness/time/clock.ts';

let opened: Promise<{ session: ClusterSession; clients: KubeClients }> | undefined;

/** The kind cluster (brought up if needed), once per mocha process. */
export function liveCluster(): Promise<{ session: ClusterSession; clients: KubeClients }> {
  opened ??= openSession({ provider: 'kind', kindConfig: 'kind-config/default.yaml' }, {
    pull: 'auto', readyTimeoutMs: 300_000, allowContexts: contextsFromEnv(), clock: systemClock,
    log: (l) => process.stderr.write(`      ${l}\n`),
  }).then((session) => ({ session, clients: kubeClients(session) }));
  return opened;
}

export interface CliResult { code: number; stdout: string; stderr: string }

/** `tierprobe ARGS` in this process. */
export async function tierprobe(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tierprobe-e2e-'));
}

export const testdata = (name: string) => join('test', 'e2e', 'live', 'testdata', name);

/** results.json of a scenario, as written. */
export async function readResults(out: string, scenario: string): Promise<ResultsJson> {
  return JSON.parse(await readFile(join(out, scenario, 'results.json'), 'utf8')) as ResultsJson;
}

export interface ResultsCell {
  from: string; to: string; port: number; protocol: string; verdict: string; expected?: string;
  observed?: string; observedDetail?: string; flaky?: boolean; convergedMs?: number; path?: string; reproduce?: string;
  mismatches: { class: string; message: string }[];
}
export interface ResultsJson {
  scenario: string;
  steps: { name: string; cells: ResultsCell[]; live?: { convergedMs: number | null; interrupted: boolean } }[];
  summary: Record<string, number>;
  run: { id: string; complete: boolean; interrupted: boolean; failure?: string; pods: { pod: string; node: string; ip: string }[]; versions: Record<string, string> };
  policies: { file: string; sha256: string; kind: string; name: string }[];
}

/** Everything a run with this id still has in the cluster (namespaces, leases, Calico and admin policies). */
export async function leftBehind(clients: KubeClients, runId: string): Promise<string[]> {
  const selector = `${runLabel}=${runId}`;
  const namespaces = (await clients.core.listNamespace({ labelSelector: selector })).items.map((n) => `namespace/${n.metadata?.name ?? ''}`);
  const leases = (await clients.config.makeApiClient(k8s.CoordinationV1Api).listNamespacedLease({ namespace: 'default', labelSelector: selector }))
    .items.map((l) => `lease/${l.metadata?.name ?? ''}`);
  const calico = (await ownedCalicoResources(clients, runFilter(runId))).map((r) => `${r.kind}/${r.name}`);
  const admin = (await clients.objects.list('policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy', undefined, undefined, undefined, undefined, undefined, selector)).items
    .map((a) => `AdminNetworkPolicy/${a.metadata?.name ?? ''}`);
  return [...namespaces, ...leases, ...calico, ...admin];
}
