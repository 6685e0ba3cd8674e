import { expect } from 'chai';
import { libraryScenario, whatifOf, whatifTestdata } from '../harness/whatif/whatif.test-helper.ts';
import { whatifJsonChunks } from './whatif-json.ts';

const json = (chunks: Iterable<string>) => [...chunks].join('');

describe('whatif --format json', () => {
  it('one document: the change, the counts, the groups, then each flipped cell compact on a line of its own', async () => {
    const r = await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('delete-security-policy.yaml')]);
    const text = json(whatifJsonChunks(r));
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).to.deep.equal(['scenario', 'step', 'changes', 'applied', 'deleted', 'cells', 'flips', 'stagedOnlyFlips', 'staged', 'groups', 'flipped', 'broken']);
    expect(doc).to.deep.include({
      scenario: 'tiered-guardrail', step: { index: 2, name: 'app team tries to re-open for tools', of: 3 },
      applied: [], cells: 18, flips: 2, stagedOnlyFlips: 0, staged: false, broken: false,
      groups: [{ from: 'tools', to: 'payments', flips: 2, stagedOnlyFlips: 0 }],
    });
    expect(doc.deleted).to.deep.equal([{
      apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', name: 'security.isolate-payments',
      file: whatifTestdata('delete-security-policy.yaml'), line: 7, column: 5,
    }]);
    expect(doc.flipped[0]).to.deep.equal({
      key: 'tools/debug -> payments/api 80/TCP', from: 'tools/debug', to: 'payments/api', port: 80, protocol: 'TCP',
      before: { verdict: 'deny', decidedBy: { tier: 'security', policy: 'security.isolate-payments', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' } },
      after: { verdict: 'allow', decidedBy: { tier: 'default', policy: 'allow-tools', kind: 'CalicoNetworkPolicy', namespace: 'payments', ruleIndex: 0, action: 'Allow' } },
      changed: ['verdict'],
    });
    const cellLines = text.split('\n').filter((l) => l.startsWith('    {"key":'));
    expect(cellLines).to.have.length(2);
    for (const line of cellLines) expect(() => JSON.parse(line.replace(/,$/, ''))).to.not.throw();
  });

  it('with --expect: the check, every broken cell with the rule that declared it, the guardrails, broken: true', async () => {
    const r = await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('delete-security-policy.yaml')], { expect: whatifTestdata('expect-tools-denied.yaml') });
    const doc = JSON.parse(json(whatifJsonChunks(r)));
    expect(Object.keys(doc).slice(-5)).to.deep.equal(['expectFile', 'expect', 'expectBroken', 'guardrails', 'broken']);
    expect(doc.expect).to.deep.equal({ checked: 12, unchecked: 0, broken: 2 });
    expect(doc.expectBroken[1]).to.deep.include({
      key: 'tools/debug -> payments/api 80/UDP', declared: 'deny',
      declaredBy: { rule: 0, file: whatifTestdata('expect-tools-denied.yaml'), line: 5, column: 7 },
    });
    expect(doc.expectBroken[1].after.verdict).to.equal('allow');
    expect(doc.guardrails).to.deep.equal([]);
    expect(doc.broken).to.equal(true);
  });

  it('a guardrail: held or not, the tiers and policies it was attacked with, the cells that opened', async () => {
    const r = await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('move-guardrail-to-default.yaml')],
      { step: 'security tier denies tools to payments', expect: whatifTestdata('guardrail-tools-denied.yaml') });
    const doc = JSON.parse(json(whatifJsonChunks(r)));
    expect(doc).to.not.have.property('expect');
    const [g] = doc.guardrails;
    expect(g).to.deep.include({ name: 'tools-never-reach-payments', verdict: 'deny', held: false, cells: 2, broken: [], unknown: [] });
    expect(g.attack.tiers).to.deep.equal(['default', 'baselineadminnetworkpolicy']);
    expect(g.attack.policies).to.have.length(5);
    expect(g.opened.map((c: { key: string; attacked: string }) => [c.key, c.attacked])).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'allow'], ['tools/debug -> payments/api 80/UDP', 'allow'],
    ]);
    expect(doc.broken).to.equal(true);
  });

  it('staged verdicts ride along on each side where a staged policy is alive', async () => {
    const r = await whatifOf(libraryScenario('staged-rollout.yaml'), [libraryScenario('policies/staged-rollout/staged-deny-web.yaml')], { step: 'only web may call the api' });
    const doc = JSON.parse(json(whatifJsonChunks(r)));
    expect(doc).to.deep.include({ flips: 0, stagedOnlyFlips: 1, staged: true });
    const [cell] = doc.flipped;
    expect(cell.changed).to.deep.equal(['stagedVerdict', 'promotedVerdict']);
    expect(cell.before).to.deep.equal({ verdict: 'allow', decidedBy: cell.before.decidedBy });
    expect(cell.after).to.include({ verdict: 'allow', stagedVerdict: 'deny', promotedVerdict: 'deny' });
  });

  it('a change that flips nothing is an empty list', async () => {
    const r = await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('frontend-allow-ingress.yaml')]);
    const text = json(whatifJsonChunks(r));
    expect(text).to.contain('\n  "flipped": [],\n');
    expect(JSON.parse(text)).to.deep.include({ flips: 0, flipped: [], groups: [] });
  });
});
