// LiveRuns for output tests: a two-step scenario (baseline, then x may not reach y), observed
// as far as the test says, with the run's end (failure, interrupt) as the test sets it.
import { buildRunDiff, type Observation, type StepInput } from '../../diff/index.ts';
import type { Cell } from '../../model/index.ts';
import type { LiveRun, StepTimings } from '../run-types.ts';

export const stepNames = ['baseline', 'deny x to y'];

const cell = (from: string, to: string, verdict: Cell['verdict']): Cell => ({ from, to, port: 80, protocol: 'TCP', verdict, decidedBy: null });
const seen = (c: Cell, observed: Observation['observed']): Observation => ({ from: c.from, to: c.to, port: c.port, protocol: c.protocol, observed });

/** Each step's input with every cell observed as the model says (connected where it allows); no `expect`: the model's matrix is the expectation. */
const stepInputs: StepInput[] = [
  [cell('x/a', 'x/a', 'allow'), cell('x/a', 'y/a', 'allow'), cell('y/a', 'x/a', 'allow'), cell('y/a', 'y/a', 'allow')],
  [cell('x/a', 'x/a', 'allow'), cell('x/a', 'y/a', 'deny'), cell('y/a', 'x/a', 'allow'), cell('y/a', 'y/a', 'allow')],
].map((cells, i) => ({
  name: stepNames[i] ?? '', cells,
  observations: cells.map((c) => seen(c, c.verdict === 'allow' ? 'connected' : 'dropped')),
}));

export interface RunEnd {
  /** Steps in the diff (the last one partial when interruptedInStep). */
  steps: number;
  interruptedInStep?: boolean;
  interrupted?: boolean;
  failure?: Error;
  /** Replace the observation of x/a -> y/a in the last step (a mismatch). */
  lastXyObserved?: Observation['observed'];
}

export function liveRun(end: RunEnd): LiveRun {
  const inputs = stepInputs.slice(0, end.steps).map((s, i, all) => (i === all.length - 1 && end.lastXyObserved
    ? { ...s, observations: (s.observations ?? []).map((o) => (o.from === 'x/a' && o.to === 'y/a' ? { ...o, observed: end.lastXyObserved ?? o.observed } : o)) }
    : s));
  const timing = (name: string, i: number): StepTimings => ({
    name, startedMs: i * 1000, applyMs: 20, convergedMs: 300, convergeTimeoutMs: 30_000,
    rounds: [{ startMs: 0, durationMs: 250, probes: 4, full: true }], interrupted: end.interruptedInStep === true && i === inputs.length - 1,
  });
  return {
    runId: 'r1', scenario: 'two-steps', file: 'two-steps.yaml', totalSteps: stepNames.length,
    cluster: { provider: 'kind', context: 'kind-tierprobe', nodes: ['n1', 'n2'] },
    versions: { kubernetes: 'v1.34.0', calico: 'v3.31.0', tierprobe: '0.0.0', probeImage: 'probe:1' },
    startedAt: '2026-01-01T00:00:00.000Z', wallMs: 5000, phases: { leftoversMs: 1, deployMs: 2, stepsMs: 3, cleanupMs: 4 },
    pods: [{ pod: 'x/a', node: 'n1', ip: '10.244.0.2' }, { pod: 'y/a', node: 'n2', ip: '10.244.1.2' }], externals: [],
    diff: buildRunDiff('two-steps', inputs), steps: inputs.map((s, i) => timing(s.name, i)), applied: [],
    interrupted: end.interrupted === true, kept: false, flows: { checked: false, why: '--no-flows was given' },
    ...(end.failure ? { failure: end.failure } : {}),
  };
}
