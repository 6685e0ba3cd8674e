// tierprobe audit-flows: check the context is allowed and answers, take the model side (a capture
// directory, or a capture now into a temporary one), read every page of Goldmane's flows since --since
// through a port-forward (its only write: create pods/portforward in Goldmane's namespace), and
// compare (harness/audit). Exit 0 no disagreement, 1 any, 2 bad input, 3 environment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { auditFlows, loadCaptureDir, parseSince, renderAuditText, type AuditCapture } from '../../audit/index.ts';
import { assertContextAllowed } from '../../cluster/allowed-context.ts';
import { readClusterStatus } from '../../cluster/cluster-status.ts';
import { existingGoldmane } from '../../cluster/existing-goldmane.ts';
import { modelVersionFor } from '../../cluster/model-version.ts';
import { contextsFromEnv } from '../../cluster/open-session.ts';
import { EnvironmentError, exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { openGoldmane } from '../../flows/goldmane-client.ts';
import type { CalicoVersion } from '../../model/index.ts';
import type { Deps } from '../command.ts';
import { compileOptions } from '../shared-options.ts';
import type { AuditFlowsOptions } from './audit-flows.ts';
import { captureInto } from './capture-into.ts';
import { contextKubeconfig } from './context-kubeconfig.ts';

const auditWhy = 'audit-flows reads its flows and policies there (read-only but for a port-forward to Goldmane)';

/** 500,000 flows: a bound on what one audit reads (a longer window is refused, never cut). */
const maxPages = 500;

export async function run(o: AuditFlowsOptions, deps: Deps): Promise<ExitCode> {
  const since = parseSince(o.since);
  if (o.capture !== undefined && (o.namespaces !== undefined || o.allowPartial)) throw new UsageError('--namespaces and --allow-partial say how to capture now; with --capture DIR the capture is given');
  const log = (l: string) => deps.stderr(`${l}\n`);
  const opts = (calicoVersion: CalicoVersion) => compileOptions({ calicoVersion, allowUnsupported: o.allowUnsupported }, deps);
  // Bad input first, before the cluster is asked anything.
  let capture = o.capture === undefined ? undefined : await loadCaptureDir(resolve(o.capture), opts(o.calicoVersion ?? '3.31'));
  assertContextAllowed(o.context, [...o.allowContext, ...contextsFromEnv()], auditWhy);
  const { kc } = contextKubeconfig(o.context, o.kubeconfig);
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
  const model = capture ?? await captureNow(o, opts(version.version), deps);
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

/** The cluster captured into a temporary directory (removed after) and loaded as a capture directory is. */
async function captureNow(o: AuditFlowsOptions, opts: ReturnType<typeof compileOptions>, deps: Deps): Promise<AuditCapture> {
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-audit-'));
  try {
    const namespaces = o.namespaces?.trim() ? o.namespaces : undefined;
    await captureInto({ ...o, namespaces, allNamespaces: namespaces === undefined, includeSystem: false }, dir, auditWhy, deps);
    return await loadCaptureDir(dir, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
