// A small hand-made run for renderer tests: two steps, a staged policy, live observations.
import { buildRunDiff, type Observation, type RunDiff } from '../harness/diff/index.ts';
import type { Cell, DecidedBy } from '../harness/model/index.ts';

const deny: DecidedBy = { tier: 'security', policy: 'security.deny-x-y', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' };
const cell = (from: string, to: string, verdict: Cell['verdict'], extra: Partial<Cell> = {}): Cell =>
  ({ from, to, port: 80, protocol: 'TCP', verdict, decidedBy: null, ...extra });

export function sampleRun(): RunDiff {
  const baseline = [cell('x/a', 'x/a', 'allow'), cell('x/a', 'y/a', 'allow'), cell('y/a', 'x/a', 'allow'), cell('y/a', 'y/a', 'allow')];
  const guarded = [
    cell('x/a', 'x/a', 'allow', { stagedVerdict: 'allow', promotedVerdict: 'allow' }),
    cell('x/a', 'y/a', 'deny', { decidedBy: deny, stagedVerdict: 'deny', promotedVerdict: 'deny' }),
    cell('y/a', 'x/a', 'allow', { stagedVerdict: 'deny', promotedVerdict: 'allow' }),
    cell('y/a', 'y/a', 'allow', { stagedVerdict: 'allow', promotedVerdict: 'allow' }),
    cell('x/a', 'external:internet', 'allow', { port: 443 }),
  ];
  const observations: Observation[] = [
    { from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', observed: 'connected', reproduce: 'kubectl -n x exec a -- probe y/a 80/TCP' },
    { from: 'y/a', to: 'x/a', port: 80, protocol: 'TCP', observed: 'connected' },
  ];
  return buildRunDiff('pci <guardrails> & "co"', [
    { name: 'baseline', cells: baseline, expect: { default: 'allow', rules: [] } },
    { name: 'security | tier', cells: guarded, expect: { default: 'deny', rules: [] }, observations },
  ]);
}
