import { expect } from 'chai';
import { join } from 'node:path';
import { runCli } from '../cli.ts';

const root = join(import.meta.dirname, '..', '..', '..');

async function explainJson(file: string) {
  let stdout = '';
  const code = await runCli(['explain', join(root, 'scenarios', file), '--format', 'json'], { stdout: (t) => { stdout += t; }, stderr: () => {} });
  expect(code).to.equal(0);
  return JSON.parse(stdout) as { steps: { name: string; cells: Record<string, unknown>[] }[] };
}

describe('explain --format json: stagedDecidedBy (SCENARIO-FORMAT.md extension)', () => {
  it('follows decidedBy on exactly the cells with a stagedVerdict, null for a pod to itself', async () => {
    const doc = await explainJson('staged-kinds.yaml');
    const [staged, promoted] = doc.steps;
    const cell = (from: string, to: string) => staged?.cells.find((c) => c['from'] === from && c['to'] === to);
    expect(Object.keys(cell('front/web', 'back/db') ?? {})).to.deep.equal([
      'from', 'to', 'port', 'protocol', 'verdict', 'stagedVerdict', 'promotedVerdict', 'decidedBy', 'stagedDecidedBy',
    ]);
    expect(cell('front/web', 'ops/monitor')?.['stagedDecidedBy']).to.deep.equal({
      tier: 'default', policy: 'knp.default.default-deny', kind: 'StagedKubernetesNetworkPolicy', namespace: 'ops', ruleIndex: -1, action: 'Deny',
    });
    expect(cell('ops/monitor', 'back/api')?.['stagedDecidedBy']).to.deep.include({ tier: 'kinds-guard', kind: 'StagedGlobalNetworkPolicy', action: 'Pass' });
    expect(cell('back/db', 'back/db')?.['stagedDecidedBy']).to.equal(null);
    // After promote all, nothing is staged: the contract's cell, unchanged.
    expect(promoted?.cells.every((c) => !('stagedDecidedBy' in c) && !('stagedVerdict' in c))).to.equal(true);
  });
});
