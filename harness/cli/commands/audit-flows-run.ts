// tierprobe audit-flows: check the context is allowed and answers, take the model side (a capture
// directory, or captureCluster in memory), read every page of Goldmane's flows since --since
// through a port-forward (its only write: create pods/portforward in Goldmane's namespace), and
// compare (harness/audit). Exit 0 no disagreement, 1 any, 2 bad input, 3 environment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { auditFlows, loadCaptureDir, parseSince, renderAuditText, type AuditCapture } from '../../audit/index.ts';
import { captureCluster } from '../../capture/capture.ts';
import { writeCapture } from '../../capture/write-capture.ts';
import { assertContextAllowed } from '../../cluster/allowed-context.ts';
import { Calicoctl } from '../../cluster/calico/calicoctl.ts';
import { readClusterStatus } from '../../cluster/cluster-status.ts';
import { existingGoldmane } from '../../cluster/existing-goldmane.ts';
import { prepareImages } from '../../cluster/kind/prepared-images.ts';
import { modelVersionFor } from '../../cluster/model-version.ts';
import { contextsFromEnv } from '../../cluster/open-session.ts';
import { EnvironmentError, exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { openGoldmane } from '../../flows/goldmane-client.ts';
import { kubeClients } from '../../live/kube-clients.ts';
import type { CalicoVersion } from '../../model/index.ts';
import type { Deps } from '../command.ts';
import { compileOptions } from '../shared-options.ts';
import type { AuditFlowsOptions } from './audit-flows.ts';
import { contextKubeconfig } from './context-kubeconfig.ts';

/** 500,000 flows: a bound on what one audit reads (a longer window is refused, never cut). */
const maxPages = 500;

export async function run(o: AuditFlowsOptions, deps: Deps): Promise<ExitCode> {
  const since = parseSince(o.since);
  if (o.capture !== undefined && (o.namespaces !== undefined || o.allowPartial)) throw new UsageError('--namespaces and --allow-partial say how to capture now; with --capture DIR the capture is given');
  const log = (l: string) => deps.stderr(`${l}\n`);
  const opts = (calicoVersion: CalicoVersion) => compileOptions({ calicoVersion, allowUnsupported: o.allowUnsupported }, deps);
  // Bad input first, before the cluster is asked anything.
  let capture = o.capture === undefined ? undefined : await loadCaptureDir(resolve(o.capture), opts(o.calicoVersion ?? '3.31'));
  assertContextAllowed(o.context, [...o.allowContext, ...contextsFromEnv()], 'audit-flows reads its flows and policies there (read-only but for a port-forward to Goldmane)');
  const { kc, kubeconfigPath } = contextKubeconfig(o.context, o.kubeconfig);
  kc.setCurrentContext(o.context);
  const status = await readClusterStatus(kc).catch((cause: unknown) => {
    throw new EnvironmentError(`the API server of context "${o.context}" does not answer`, { hint: `check it with: kubectl --context ${o.context} get nodes` }, { cause });
  });
  const version = modelVersionFor(status.calicoVersion, o.calicoVersion, status.calicoVariant);
  if (version.warning) log(`warning: ${version.warning}`);
  const g = await existingGoldmane(kc, '', () => undefined);
  if (!g.goldmane) {
    throw new EnvironmentError(`no flows to audit: ${g.goldmaneUnavailable ?? 'Goldmane was not found'}`, {
      hint: 'Goldmane (Calico 3.30+) records the flows audit-flows compares; on the kind cluster tierprobe makes: npx tierprobe cluster status',
    });
  }
  if (capture && version.version !== (o.calicoVersion ?? '3.31')) capture = await loadCaptureDir(resolve(o.capture ?? ''), opts(version.version));
  const model = capture ?? await captureNow(o, kubeconfigPath, opts(version.version), log);
  const startTimeGte = Math.floor(Date.now() / 1000) - since;
  const started = Date.now();
  const gm = g.goldmane;
  await using reader = await openGoldmane({ kubeconfig: kc, namespace: gm.namespace, port: gm.port, protoPath: gm.protoPath, ...(gm.tls ? { tls: gm.tls } : {}), ...(status.calicoVersion ? { calicoVersion: status.calicoVersion } : {}) });
  const flows = await reader.list({ startTimeGte, maxPages });
  const read = Date.now();
  const result = auditFlows(flows, { inventory: model.inventory, policies: model.policies, representatives: model.podsMap.representatives });
  log(`read ${flows.length} flow record(s) in ${((read - started) / 1000).toFixed(1)} s (${reader.calls} page(s)), compared in ${((Date.now() - read) / 1000).toFixed(1)} s`);
  const header = { context: o.context, since: o.since, capture: o.capture ?? `captured now (${model.scenario.name})` };
  if (o.format === 'json') deps.stdout(`${JSON.stringify({ ...header, startTimeGte, ...result, disagree: result.disagreements.length > 0 }, null, 2)}\n`);
  else deps.stdout(renderAuditText(result, header));
  if (o.format === 'json' && result.disagreements.length > 0) deps.stderr(`DISAGREE: ${result.disagreements.length} disagreement(s) between the flows and the model\n`);
  return result.disagreements.length > 0 ? exitCodes.mismatch : exitCodes.ok;
}

/** captureCluster in memory, loaded as a capture directory is (through a temporary copy, removed after). */
async function captureNow(o: AuditFlowsOptions, kubeconfigPath: string, opts: ReturnType<typeof compileOptions>, log: (l: string) => void): Promise<AuditCapture> {
  const list = (o.namespaces ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const prepared = await prepareImages(['calicoctl'], o.pull, log);
  const capture = await captureCluster(
    { kube: kubeClients({ kubeconfigPath, context: o.context }), calico: new Calicoctl(prepared.calicoctl, kubeconfigPath, o.context) },
    { namespaces: list.length > 0 ? list : 'all', context: o.context },
  );
  if (capture.unreadable.length > 0) {
    const lacking = capture.unreadable.map((u) => `  ${u.what}: ${u.why}\n    the model lacks ${u.lacks}`).join('\n');
    if (!o.allowPartial) {
      throw new EnvironmentError(`the capture could not read everything, so the model would judge without it:\n${lacking}`, {
        hint: 'grant what harness/rbac/tierprobe-capture.yaml lists, or audit anyway with --allow-partial',
      });
    }
    log(`PARTIAL (--allow-partial):\n${lacking}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-audit-'));
  try {
    await writeCapture(dir, capture);
    return await loadCaptureDir(dir, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
