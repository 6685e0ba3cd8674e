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

describe('explain and validate --intent: verdicts unknown offline (SCENARIO-FORMAT.md extension)', () => {
  const file = join(root, 'harness', 'cli', 'testdata', 'pod-cidr.yaml');
  const cli = async (...args: string[]) => {
    let stdout = '';
    const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: () => {} });
    return { code, stdout };
  };

  it('shows the unknown glyph, says why with --why, and never claims all as expected', async () => {
    const { code, stdout } = await cli('explain', file, '--why');
    expect(code).to.equal(0);
    expect(stdout).to.match(/x\/a\s+✓\s+◌/);
    expect(stdout).to.include('x/a -> x/b 80/TCP  ◌ unknown: the verdict depends on the address of the destination x/b, known only live: offline a pod lies somewhere in the pod CIDR 10.244.0.0/16, and 10.244.0.0/17 covers only part of it');
    expect(stdout).to.include('1 cell with a declared verdict left unchecked');
    expect(stdout).not.to.include('all as expected');
  });

  it('writes verdict unknown with unknownBecause in the json, and known cells without it', async () => {
    const { stdout } = await cli('explain', file, '--format', 'json');
    const doc = JSON.parse(stdout) as { steps: { cells: Record<string, unknown>[] }[] };
    const [half, everything] = doc.steps;
    const cell = half?.cells.find((c) => c['from'] === 'x/a' && c['to'] === 'x/b');
    expect(cell?.['verdict']).to.equal('unknown');
    expect(cell?.['decidedBy']).to.equal(null);
    expect(cell?.['unknownBecause']).to.include('10.244.0.0/17');
    expect(everything?.cells.map((c) => c['verdict'])).to.deep.equal(['allow', 'allow', 'allow', 'allow', 'allow', 'allow']);
    expect(everything?.cells.some((c) => 'unknownBecause' in c)).to.equal(false);
  });

  it('validate --intent counts the unknown cell as unchecked, not as agreeing or disagreeing', async () => {
    const { code, stdout } = await cli('validate', '--intent', file);
    expect(code).to.equal(0);
    expect(stdout).to.include('11 cells as declared (1 cell unchecked: the verdict is unknown offline');
  });
});
