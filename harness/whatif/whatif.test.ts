import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupFlips } from './groups.ts';
import { libraryScenario, whatifOf, whatifTestdata as testdata } from './whatif.test-helper.ts';
import type { WhatifResult } from './types.ts';

const scenarioFile = libraryScenario;
const run = (scenario: string, changes: string[], opts: { step?: string; expect?: string } = {}): Promise<WhatifResult> =>
  whatifOf(scenarioFile(scenario), changes, opts);

describe('whatif in the model', () => {
  it('deleting the security tier\'s policy flips exactly tools -> payments to allow, naming both deciders', async () => {
    const r = await run('tiered-guardrail.yaml', [testdata('delete-security-policy.yaml')]);
    expect(r.step).to.deep.equal({ index: 2, name: 'app team tries to re-open for tools', of: 3 });
    expect(r.delta.cells).to.equal(18);
    expect(r.delta.enforced).to.equal(2);
    expect(r.delta.staged).to.equal(false);
    const isolate = { tier: 'security', policy: 'security.isolate-payments', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' };
    const allowTools = { tier: 'default', policy: 'allow-tools', kind: 'CalicoNetworkPolicy', namespace: 'payments', ruleIndex: 0, action: 'Allow' };
    expect(r.delta.flips).to.deep.equal(['TCP', 'UDP'].map((protocol) => ({
      key: `tools/debug -> payments/api 80/${protocol}`, from: 'tools/debug', to: 'payments/api', port: 80, protocol,
      before: { verdict: 'deny', decidedBy: isolate }, after: { verdict: 'allow', decidedBy: allowTools }, changed: ['verdict'],
    })));
    expect(r.change.delete.map((d) => d.document.id.name)).to.deep.equal(['security.isolate-payments']);
    expect(r.change.delete[0]?.location).to.deep.include({ line: 7, column: 5 });
    expect(r.broken).to.equal(false);
  });

  it('a change that moves no verdict flips nothing, though it changes who decides', async () => {
    const r = await run('tiered-guardrail.yaml', [testdata('frontend-allow-ingress.yaml')]);
    expect(r.delta).to.deep.include({ cells: 18, enforced: 0, flips: [] });
    expect(r.change.apply.map((d) => `${d.id.namespace}/${d.id.name}`)).to.deep.equal(['frontend/allow-all-ingress']);
    expect(r.change.replaced).to.deep.equal([]);
  });

  it('re-applying an alive policy replaces it: the last step again with the first step\'s file changes nothing', async () => {
    const r = await run('tiered-guardrail.yaml', [scenarioFile('policies/tiered-guardrail/payments-allow-all.yaml')]);
    expect(r.delta.flips).to.deep.equal([]);
    expect(r.change.replaced.map((d) => d.id.name)).to.deep.equal(['allow-all-ingress']);
    // Same number alive: the document took its namesake's place.
    expect(r.change.alive.map((d) => d.id.name)).to.deep.equal(['allow-all-ingress', 'security', 'security.isolate-payments', 'allow-tools']);
  });

  it('--expect: a rule the change breaks is named with the rule that declared it', async () => {
    const r = await run('tiered-guardrail.yaml', [testdata('delete-security-policy.yaml')], { expect: testdata('expect-tools-denied.yaml') });
    expect(r.expect?.checked).to.equal(12);
    expect(r.expect?.unchecked).to.equal(0);
    expect(r.expect?.broken.map((b) => [b.key, b.declared, b.after.verdict, b.by === 'default' ? 'default' : b.by.location.line])).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'deny', 'allow', 5],
      ['tools/debug -> payments/api 80/UDP', 'deny', 'allow', 5],
    ]);
    expect(r.broken).to.equal(true);
  });

  it('--expect: a guardrail the change leaves in place holds against its adversarial policies', async () => {
    const r = await run('tiered-guardrail.yaml', [testdata('frontend-allow-ingress.yaml')], { expect: testdata('guardrail-tools-denied.yaml') });
    expect(r.guardrails.map((g) => [g.guardrail, g.held, g.cells.length, g.attack.tiers])).to.deep.equal([
      ['tools-never-reach-payments', true, 2, ['default', 'baselineadminnetworkpolicy']],
    ]);
    expect(r.broken).to.equal(false);
  });

  it('--expect: a guardrail moved into the default tier keeps every verdict but no longer holds', async () => {
    const r = await run('tiered-guardrail.yaml', [testdata('move-guardrail-to-default.yaml')], { step: 'security tier denies tools to payments', expect: testdata('guardrail-tools-denied.yaml') });
    expect(r.delta.enforced).to.equal(0);
    const [g] = r.guardrails;
    expect(g?.held).to.equal(false);
    expect(g?.broken).to.deep.equal([]);
    expect(g?.opened.map((c) => [c.key, c.attacked, c.attackedBy?.tier])).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'allow', 'default'],
      ['tools/debug -> payments/api 80/UDP', 'allow', 'default'],
    ]);
    expect(r.broken).to.equal(true);
  });

  it('--expect: a guardrail the change breaks outright is broken at its cells', async () => {
    const r = await run('tiered-guardrail.yaml', [testdata('delete-security-policy.yaml')], { expect: testdata('guardrail-tools-denied.yaml') });
    expect(r.guardrails[0]?.broken.map((c) => [c.key, c.verdict])).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'allow'], ['tools/debug -> payments/api 80/UDP', 'allow'],
    ]);
  });

  it('a flip to unknown (offline, the verdict now depends on a pod address); each external is a group of its own', async () => {
    const r = await whatifOf(testdata('edges-scenario.yaml'), [testdata('edges-change.yaml')]);
    expect(r.delta.flips.map((f) => [f.key, f.before.verdict, f.after.verdict])).to.deep.equal([
      ['x/a -> y/b 80/TCP', 'allow', 'unknown'], ['x/a -> external:internet 443/TCP', 'allow', 'deny'],
    ]);
    expect(r.delta.flips[0]?.after.unknownBecause).to.contain('the source x/a').and.contain('10.244.1.0/24');
    expect(groupFlips(r.delta.flips).map((g) => [g.from, g.to])).to.deep.equal([['x', 'y'], ['x', 'external:internet']]);
  });

  describe('with files of its own', () => {
    let dir = '';
    beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'tierprobe-whatif-')); });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('a Service cell flips per backend, with its target port, and groups under the Service\'s namespace', async () => {
      const change = join(dir, 'deny-web.yaml');
      await writeFile(change, [
        'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: deny-web, namespace: "y"}',
        'spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}', '',
      ].join('\n'));
      const r = await run('services.yaml', [change], { step: 'baseline' });
      const service = r.delta.flips.filter((f) => f.from === 'x/a' && f.to === 'svc:y/web');
      expect(service.map((f) => [f.key, f.targetPort, f.before.verdict, f.after.verdict, f.after.decidedBy?.policy])).to.deep.equal([
        ['x/a -> svc:y/web (y/a) 80/TCP', 8080, 'allow', 'deny', 'knp.default.deny-web'],
        ['x/a -> svc:y/web (y/a) 81/TCP', 81, 'allow', 'deny', 'knp.default.deny-web'],
        ['x/a -> svc:y/web (y/b) 81/TCP', 81, 'allow', 'deny', 'knp.default.deny-web'],
      ]);
      expect(r.delta.flips.every((f) => f.after.verdict === 'deny' && f.changed[0] === 'verdict')).to.equal(true);
      // y to y: 10 direct cells, and 12 through the Services (a backend reaching itself through one is policed too).
      expect(groupFlips(r.delta.flips).map((g) => [g.from, g.to, g.enforced])).to.deep.equal([['x', 'y', 9], ['y', 'y', 22]]);
    });

    it('a staged policy changes only staged and promoted verdicts, and says so per cell', async () => {
      const r = await run('staged-rollout.yaml', [scenarioFile('policies/staged-rollout/staged-deny-web.yaml')], { step: 'only web may call the api' });
      expect(r.delta.enforced).to.equal(0);
      expect(r.delta.staged).to.equal(true);
      expect(r.delta.flips.map((f) => [f.key, f.changed, f.before.verdict, f.after.stagedVerdict, f.after.promotedVerdict])).to.deep.equal([
        ['shop/web -> shop/api 80/TCP', ['stagedVerdict', 'promotedVerdict'], 'allow', 'deny', 'deny'],
      ]);
      expect(r.delta.flips[0]?.after.stagedDecidedBy?.kind).to.equal('StagedNetworkPolicy');
    });

    it('several change files are one change: deletes against the step, then every apply in order', async () => {
      const again = join(dir, 'again.yaml');
      await writeFile(again, [
        'apiVersion: tierprobe/v1alpha1', 'kind: Change', 'apply:', '  - file: security.yaml', '',
      ].join('\n'));
      await writeFile(join(dir, 'security.yaml'), [
        'apiVersion: projectcalico.org/v3', 'kind: GlobalNetworkPolicy', 'metadata: {name: security.isolate-payments}',
        "spec: {tier: security, order: 10, selector: \"projectcalico.org/namespace == 'payments'\", types: [Ingress], ingress: [{action: Deny, protocol: UDP, source: {namespaceSelector: \"team == 'tools'\"}}, {action: Pass}]}", '',
      ].join('\n'));
      const r = await run('tiered-guardrail.yaml', [testdata('delete-security-policy.yaml'), again]);
      // The delete and the re-apply make one replacement: only TCP is open to tools now.
      expect(r.delta.flips.map((f) => [f.key, f.after.verdict])).to.deep.equal([['tools/debug -> payments/api 80/TCP', 'allow']]);
      expect(r.change.files).to.deep.equal([testdata('delete-security-policy.yaml'), again]);
    });
  });
});
