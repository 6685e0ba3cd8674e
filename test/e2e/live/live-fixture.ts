// What the live e2e suites share: one session on the kind cluster, the CLI in-process, and
// looks at the cluster to check what a run left behind.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import { openSession, contextsFromEnv, type ClusterSession } from '../../../harness/cluster/index.ts';
import { runCli } from '../../../harness/cli/cli.ts';
import { kubeClients, type KubeClients } from '../../../harness/live/kube-clients.ts';
import { runLabel } from '../../../harness/live/labels.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { runScenarioLive, silentLogger, type LiveOptions, type LiveRun } from '../../../harness/live/index.ts';
import { loadScenario } from '../../../harness/scenario/index.ts';

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

export interface StartedRun {
  child: ChildProcess;
  runId: Promise<string>;
  /** Resolves once stderr matches (or the run has exited: then check the exit). */
  seen(pattern: RegExp): Promise<void>;
  /** The first step's first round is over (the run logs it): the run is mid-step. */
  probing: Promise<void>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

/** `tierprobe ARGS` as a child process, watched through what it logs. */
export function startRun(args: string[]): StartedRun {
  const child = spawn(process.execPath, ['harness/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of waiters) if (w.pattern.test(stderr)) w.resolve();
  };
  child.stderr?.on('data', (b: Buffer) => { stderr += b.toString(); check(); });
  child.stdout?.resume();
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const seen = (pattern: RegExp) => Promise.race([new Promise<void>((resolve) => { waiters.push({ pattern, resolve }); check(); }), exit.then(() => undefined)]);
  const runId = seen(/run \S+: deploying/).then(() => /run (\S+): deploying/.exec(stderr)?.[1] ?? '');
  return { child, runId, seen, probing: seen(/step 1 [^\n]*: first round, \d+ probe/), exit };
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
  stagedVerdict?: string; promotedVerdict?: string; loggedVerdict?: string; loggedStagedVerdict?: string; predictedByStaged?: string;
  flowEvidence?: { records: number; missing?: string; flaky?: string };
  mismatches: { class: string; message: string }[];
}
export interface ResultsJson {
  scenario: string;
  steps: { name: string; cells: ResultsCell[]; live?: { convergedMs: number | null; interrupted: boolean; flows?: { cellsNeeding: number; cellsWithEvidence: number } } }[];
  summary: Record<string, number>;
  run: { id: string; complete: boolean; interrupted: boolean; failure?: string; flows?: { checked: boolean }; pods: { pod: string; node: string; ip: string }[]; versions: Record<string, string> };
  policies: { file: string; sha256: string; kind: string; name: string }[];
}

/**
 * Everything a run with this id still has in the cluster and in Docker, listed here
 * independently of the cleanup code: every namespaced and cluster-scoped kind tierprobe can
 * create, read straight from the API (Calico's v3 labels from each CRD object's metadata
 * annotation), and the run's containers.
 */
export async function leftBehind(clients: KubeClients, runId: string): Promise<string[]> {
  const selector = `${runLabel}=${runId}`;
  const names = (kind: string, items: { metadata?: { name?: string; namespace?: string } }[]) =>
    items.map((i) => `${kind}/${i.metadata?.namespace ? `${i.metadata.namespace}/` : ''}${i.metadata?.name ?? ''}`);
  const found: string[] = [];
  found.push(...names('namespace', (await clients.core.listNamespace({ labelSelector: selector })).items));
  found.push(...names('pod', (await clients.core.listPodForAllNamespaces({ labelSelector: selector })).items));
  found.push(...names('serviceaccount', (await clients.core.listServiceAccountForAllNamespaces({ labelSelector: selector })).items));
  found.push(...names('lease', (await clients.config.makeApiClient(k8s.CoordinationV1Api).listLeaseForAllNamespaces({ labelSelector: selector })).items));
  found.push(...names('networkpolicy', (await clients.config.makeApiClient(k8s.NetworkingV1Api).listNetworkPolicyForAllNamespaces({ labelSelector: selector })).items));
  const custom = clients.config.makeApiClient(k8s.CustomObjectsApi);
  for (const plural of ['adminnetworkpolicies', 'baselineadminnetworkpolicies']) {
    const list = crdItems.parse(await custom.listClusterCustomObject({ group: 'policy.networking.k8s.io', version: 'v1alpha1', plural, labelSelector: selector }));
    found.push(...names(plural, list.items));
  }
  for (const plural of calicoPlurals) {
    const list = crdItems.parse(await custom.listClusterCustomObject({ group: 'crd.projectcalico.org', version: 'v1', plural }));
    const ours = list.items.filter((i) => v3Labels(i.metadata.annotations?.['projectcalico.org/metadata'])[runLabel] === runId);
    found.push(...names(plural, ours));
  }
  const docker = spawnSync('docker', ['ps', '-a', '--filter', `label=${selector}`, '--format', '{{.Names}}'], { encoding: 'utf8' });
  if (docker.status !== 0) throw new Error(`docker ps failed: ${docker.stderr}`);
  found.push(...docker.stdout.split('\n').filter(Boolean).map((n) => `container/${n}`));
  return found;
}

/** Every kind of Calico's that tierprobe can create, cluster-scoped and namespaced. */
const calicoPlurals = ['tiers', 'globalnetworkpolicies', 'stagedglobalnetworkpolicies', 'globalnetworksets',
  'networkpolicies', 'stagednetworkpolicies', 'stagedkubernetesnetworkpolicies', 'networksets'];

const crdItems = z.object({ items: z.array(z.object({ metadata: z.object({
  name: z.string(), namespace: z.string().optional(), annotations: z.record(z.string(), z.string()).optional(),
}) })) });

function v3Labels(annotation: string | undefined): Record<string, string> {
  if (annotation === undefined) return {};
  const parsed = z.object({ labels: z.record(z.string(), z.string()).optional() }).safeParse(JSON.parse(annotation));
  return parsed.success ? parsed.data.labels ?? {} : {};
}

/**
 * A GlobalNetworkPolicy tierprobe does not know about (applied out of band by a test), acting on
 * all ingress to e2e-pods-y; order 1 puts it before any policy of the scenario.
 */
export function outOfBandPolicy(name: string, action: 'Allow' | 'Deny', order?: number): string {
  return ['apiVersion: projectcalico.org/v3', 'kind: GlobalNetworkPolicy', 'metadata:', `  name: ${name}`, 'spec:',
    ...(order === undefined ? [] : [`  order: ${order}`]),
    '  selector: projectcalico.org/namespace == \'e2e-pods-y\'', '  types: [Ingress]', '  ingress:', `    - action: ${action}`, ''].join('\n');
}

/** A scenario run in-process on the kind cluster; a run that failed throws. */
export async function liveRun(file: string, o: Partial<LiveOptions> = {}): Promise<LiveRun> {
  const { session } = await liveCluster();
  const run = await runScenarioLive(await loadScenario(file), { session, clock: systemClock, logger: silentLogger, convergeTimeoutMs: 30_000, ...o });
  if (run.failure) throw run.failure;
  return run;
}
