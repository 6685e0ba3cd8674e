// Read a live cluster read-only and write its capture to a directory: what capture does, and what
// whatif --context does before it predicts. The context must be allowed and known; a capture that
// lacks kinds RBAC hid is refused unless --allow-partial; the written scenario is loaded back as
// explain would load it (a capture that does not load is a bug, said at once).
import { resolve } from 'node:path';
import { EnvironmentError, UsageError } from '../../errors.ts';
import { assertContextAllowed } from '../../cluster/allowed-context.ts';
import { Calicoctl } from '../../cluster/calico/calicoctl.ts';
import { prepareImages } from '../../cluster/kind/prepared-images.ts';
import { contextsFromEnv } from '../../cluster/open-session.ts';
import { captureCluster, type CalicoReader } from '../../capture/capture.ts';
import { writeCapture } from '../../capture/write-capture.ts';
import { kubeClients } from '../../live/kube-clients.ts';
import { loadScenario } from '../../scenario/index.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { Capture } from '../../capture/types.ts';
import type { Deps } from '../command.ts';
import type { CaptureSource } from './capture-options.ts';
import { contextKubeconfig } from './context-kubeconfig.ts';

/** The capture as written to dir, and its scenario as loaded back from there. */
export interface CapturedDir { capture: Capture; scenario: Scenario }

export async function captureInto(o: CaptureSource, dir: string, why: string, deps: Deps): Promise<CapturedDir> {
  const namespaces = namespaceChoice(o);
  assertContextAllowed(o.context, [...o.allowContext, ...contextsFromEnv()], why);
  const { kubeconfigPath } = contextKubeconfig(o.context, o.kubeconfig);
  const log = (l: string) => deps.stderr(`${l}\n`);
  // calicoctl is prepared when first asked for, so an API server that does not answer is told
  // at once, before any image is built or pulled.
  let calicoctl: Promise<Calicoctl> | undefined;
  const calico: CalicoReader = {
    list: async (kind, namespaced) => {
      calicoctl ??= prepareImages(['calicoctl'], o.pull, log, undefined, deps.tasks).then((p) => new Calicoctl(p.calicoctl, kubeconfigPath, o.context));
      return (await calicoctl).list(kind, namespaced);
    },
  };
  const started = Date.now();
  const capture = await captureCluster(
    { kube: kubeClients({ kubeconfigPath, context: o.context }), calico },
    { namespaces, ...(o.includeSystem ? { includeSystem: true } : {}), context: o.context, ...(o.name === undefined ? {} : { name: o.name }) },
  );
  const lacking = capture.unreadable.map((u) => `  ${u.what}: ${u.why}\n    the scenario lacks ${u.lacks}`).join('\n');
  if (capture.unreadable.length > 0 && !o.allowPartial) {
    throw new EnvironmentError(`the capture could not read everything, so nothing was done with it:\n${lacking}`, {
      hint: 'grant what harness/rbac/tierprobe-capture.yaml lists, or go on anyway with --allow-partial (capture.json and the scenario description then say what it lacks)',
    });
  }
  await writeCapture(dir, capture);
  const scenario = await loadScenario(resolve(dir, 'scenario.yaml'));
  const pods = capture.groups.reduce((n, g) => n + g.pods.length, 0);
  deps.stderr(`captured ${o.context} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${capture.groups.length} probe pod(s) for ${pods} pod(s), `
    + `${capture.policies.length} polic${capture.policies.length === 1 ? 'y' : 'ies'}, ${capture.present.length} of Calico's own object(s) recorded as present\n`);
  for (const n of capture.notes) deps.stderr(`  note: ${n}\n`);
  if (capture.unreadable.length > 0) deps.stderr(`PARTIAL (--allow-partial):\n${lacking}\n`);
  return { capture, scenario };
}

function namespaceChoice(o: CaptureSource): readonly string[] | 'all' {
  if (o.allNamespaces && o.namespaces !== undefined) throw new UsageError('give --namespaces a,b or --all-namespaces, not both');
  if (o.allNamespaces) return 'all';
  if (o.includeSystem) throw new UsageError('--include-system goes with --all-namespaces (name system namespaces in --namespaces instead)');
  const list = (o.namespaces ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('say what to capture: --namespaces a,b or --all-namespaces');
  return list;
}
