// A live run for report.html's tests, on the outputs' fixture run (live-run.test-helper.ts) with
// what a real run carries: two namespaces of two pods and an external; a security tier that
// denies x to y at step 2, which the dataplane failed to enforce at x/a -> y/a; a probe that
// errored; a staged policy that would deny y to x; flow logs with an attribution mismatch;
// traffic under change; the policies as applied; and every cell's reproduce command, latency
// and convergence, as the live runner writes them.
import { createHash } from 'node:crypto';
import { buildRunDiff, type Observation, type StepInput } from '../../harness/diff/index.ts';
import { liveRun } from '../../harness/live/outputs/live-run.test-helper.ts';
import { reproduceCommand } from '../../harness/live/probe/observations.ts';
import type { AppliedRecord, LiveRun } from '../../harness/live/run-types.ts';
import type { Cell, DecidedBy } from '../../harness/model/index.ts';
import type { PairTraffic } from '../../harness/traffic/types.ts';

export const denyXY: DecidedBy = { tier: 'security', policy: 'security.deny-x-to-y', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' };
const stagedDenyYX: DecidedBy = { tier: 'default', policy: 'staged:default.deny-y-to-x', kind: 'StagedNetworkPolicy', namespace: 'x', ruleIndex: 0, action: 'Deny' };
export const pods = [
  { pod: 'x/a', node: 'n1', ip: '10.244.0.2' }, { pod: 'x/b', node: 'n2', ip: '10.244.1.3' },
  { pod: 'y/a', node: 'n1', ip: '10.244.0.4' }, { pod: 'y/b', node: 'n2', ip: '10.244.1.5' },
];
const external = { name: 'internet', ip: '172.18.0.200' };
const ipOf = (to: string) => pods.find((p) => p.pod === to)?.ip ?? external.ip;
const nodeOf = (pod: string) => pods.find((p) => p.pod === pod)?.node;

function cells(step: 0 | 1): Cell[] {
  const out: Cell[] = [];
  for (const { pod: from } of pods) {
    for (const { pod: to } of pods) {
      const denied = step === 1 && from.startsWith('x/') && to.startsWith('y/');
      const staged = step === 1 && from.startsWith('y/') && to.startsWith('x/');
      out.push({
        from, to, port: 80, protocol: 'TCP', verdict: denied ? 'deny' : 'allow', decidedBy: denied ? denyXY : null,
        ...(step === 1 ? { stagedVerdict: denied || staged ? 'deny' : 'allow', stagedDecidedBy: denied ? denyXY : staged ? stagedDenyYX : null, promotedVerdict: denied || staged ? 'deny' : 'allow' } : {}),
      });
    }
    out.push({ from, to: 'external:internet', port: 443, protocol: 'TCP', verdict: 'allow', decidedBy: null,
      ...(step === 1 ? { stagedVerdict: 'allow', stagedDecidedBy: null, promotedVerdict: 'allow' } : {}) });
  }
  return out;
}

const reproduce = { kubeconfigPath: '/root/.kube/tierprobe', context: 'kind-tierprobe', timeoutMs: 1000 };

function observe(c: Cell, i: number): Observation {
  const [namespace = '', name = ''] = c.from.split('/');
  const path = c.to.startsWith('external:') ? 'external' : nodeOf(c.from) === nodeOf(c.to) ? 'same-node' : 'cross-node';
  const target = { key: '', from: c.from, to: c.to, host: ipOf(c.to), port: c.port, protocol: 'TCP' as const, path } as const;
  return {
    from: c.from, to: c.to, port: c.port, protocol: c.protocol,
    observed: c.verdict === 'allow' ? 'connected' : 'dropped',
    latencyMs: c.verdict === 'allow' ? 0.4 + i / 10 : 1000.2, convergedMs: 300 + i, path,
    reproduce: reproduceCommand(reproduce, { namespace, name }, target),
  };
}

const figures: PairTraffic = {
  change: 'denies', ratePerSecond: 200, reachedPerSecond: 199.6, requests: 2400, succeeded: 480, failed: 1920, errors: 0,
  droppedIterations: 0, resolutionMs: 5, beforeMs: 2000, afterMs: 10000, timeToEnforceMs: 412, maxTimeToEnforceMs: 1000,
  established: { result: 'cut', cutAtMs: 420, pings: 80, declared: 'cut' }, clock: "x/b's node clock, which is the harness host's", warnings: [],
};

/** Step 2's observations: as the model says, but for the cells the scenario means to fail. */
function secondStep(): Observation[] {
  return cells(1).map((c, i) => {
    const o = observe(c, i);
    if (c.from === 'x/a' && c.to === 'y/a') return { ...o, observed: 'connected', latencyMs: 0.8, observedDetail: 'connected to 10.244.0.4:80 (banner y/a)' };
    if (c.from === 'x/b' && c.to === 'y/b') return { ...o, observed: 'error', observedDetail: 'exec failed: container "probe" in pod x/b is not running' };
    if (c.from === 'x/b' && c.to === 'y/a') {
      return { ...o, traffic: figures, loggedVerdict: 'deny', loggedBy: { kind: 'GlobalNetworkPolicy', tier: 'security', name: 'security.deny-x-to-y', action: 'Deny', ruleIndex: 0 }, flowEvidence: { records: 3, loggedAs: denyXY } };
    }
    if (c.from === 'y/a' && c.to === 'x/b') {
      // The logs agree on allow but name a Kubernetes policy the model never applied: an attribution mismatch.
      const by: DecidedBy = { tier: 'default', policy: 'knp.default.allow-web', kind: 'NetworkPolicy', namespace: 'x', ruleIndex: 0, action: 'Allow' };
      return { ...o, loggedVerdict: 'allow', loggedStagedVerdict: 'deny', flowEvidence: { records: 2, loggedAs: by, loggedStagedAs: stagedDenyYX } };
    }
    return o;
  });
}

function applied(text: string, kind: string, name: string, namespace?: string): AppliedRecord {
  return {
    step: 1, stepName: 'security tier denies x to y', action: 'apply', id: { apiVersion: 'projectcalico.org/v3', kind, name, ...(namespace ? { namespace } : {}) },
    text, sha256: createHash('sha256').update(text).digest('hex'), location: { file: 'scenarios/realistic.yaml', line: 30, column: 9 },
  };
}

const gnp = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.deny-x-to-y
spec:
  tier: security
  order: 10
  selector: projectcalico.org/namespace == "y"
  ingress:
    - action: Deny
      source: {namespaceSelector: kubernetes.io/metadata.name == "x"}
    - action: Pass
`;
const staged = `apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata:
  name: default.deny-y-to-x
  namespace: x
spec:
  tier: default
  stagedAction: Set
  selector: all()
  ingress:
    - action: Deny
      source: {namespaceSelector: kubernetes.io/metadata.name == "y"}
`;

/** stepNames of the scenario: the run's two steps. */
export const realisticStepNames = ['baseline', 'security tier denies x to y'];

export function realisticRun(): LiveRun {
  const base = liveRun({ steps: 2 });
  const inputs: StepInput[] = [
    { name: realisticStepNames[0] ?? '', cells: cells(0), observations: cells(0).map(observe) },
    { name: realisticStepNames[1] ?? '', cells: cells(1), observations: secondStep() },
  ];
  return {
    ...base, scenario: 'realistic', file: 'scenarios/realistic.yaml', pods, externals: [external],
    flows: { checked: true, settings: { flushSeconds: 5, windowSeconds: 5, from: { flush: 'FelixConfiguration', window: 'Goldmane default' } } },
    diff: buildRunDiff('realistic', inputs),
    steps: base.steps.map((s, i) => ({ ...s, name: realisticStepNames[i] ?? s.name })),
    applied: [applied(gnp, 'GlobalNetworkPolicy', 'security.deny-x-to-y'), applied(staged, 'StagedNetworkPolicy', 'default.deny-y-to-x', 'x')],
  };
}
