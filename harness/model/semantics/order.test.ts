import { expect } from 'chai';
import { allowAll, anp, denyAll, gnp, knp, np, tier } from '../testing/builders.ts';
import { model, twoNamespaces } from '../testing/model-fixture.ts';

// Ingress on y/b decides these cells; x/a -> y/b is the probe.
const onDb = (spec: Record<string, unknown>) => ({ selector: "app == 'db'", ...spec });
const probe = (docs: unknown[], opts = {}) => model(twoNamespaces(), docs, opts).cell('x/a', 'y/b');

describe('CALICO-SEMANTICS.md §0-§1: order of tiers, policies and rules', () => {
  it('§1 tiers run by ascending order', () => {
    const c = probe([tier('late', 20), tier('early', 10),
      gnp('late.deny', onDb({ tier: 'late', ...denyAll })), gnp('early.allow', onDb({ tier: 'early', ...allowAll }))]);
    expect(c.verdict).to.equal('allow');
    expect(c.decidedBy).to.include({ tier: 'early', policy: 'early.allow', ruleIndex: 0, action: 'Allow' });
  });

  it('§1 a tier without order comes after ordered tiers', () => {
    const c = probe([tier('aaa'), tier('zzz', 5_000_000),
      gnp('aaa.allow', onDb({ tier: 'aaa', ...allowAll })), gnp('zzz.deny', onDb({ tier: 'zzz', ...denyAll }))]);
    expect(c.decidedBy?.tier).to.equal('zzz');
  });

  it('§1 tiers with equal (or no) order go by name', () => {
    expect(probe([tier('bbb', 10), tier('aaa', 10), gnp('bbb.deny', onDb({ tier: 'bbb', ...denyAll })),
      gnp('aaa.allow', onDb({ tier: 'aaa', ...allowAll }))]).verdict).to.equal('allow');
    expect(probe([tier('bbb'), tier('aaa'), gnp('bbb.allow', onDb({ tier: 'bbb', ...allowAll })),
      gnp('aaa.deny', onDb({ tier: 'aaa', ...denyAll }))]).verdict).to.equal('deny');
  });

  it('§1 built-in tiers 3.30/3.31: adminnetworkpolicy (1000) < user tier < default (1,000,000) < baselineadminnetworkpolicy', () => {
    const docs = [tier('mid', 5000), gnp('mid.pass', onDb({ tier: 'mid', ingress: [{ action: 'Pass' }] })),
      anp('first', { priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Pass', from: [{ namespaces: {} }] }] }),
      np('y', 'allow', onDb(allowAll))];
    for (const calicoVersion of ['3.30', '3.31'] as const) {
      const c = probe(docs, { calicoVersion, allowProblems: false });
      expect(c.decidedBy).to.include({ tier: 'default', policy: 'allow', kind: 'CalicoNetworkPolicy' });
    }
    const early = probe([tier('early', 500), gnp('early.deny', onDb({ tier: 'early', ...denyAll })),
      anp('allow', { priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] })]);
    expect(early.decidedBy).to.include({ tier: 'early', action: 'Deny' });
  });

  it('§1 built-in tiers 3.32 are named kube-admin and kube-baseline', () => {
    const docs = [gnp('kube-admin.deny', onDb({ tier: 'kube-admin', ...denyAll }))];
    expect(probe(docs, { calicoVersion: '3.32' }).decidedBy).to.include({ tier: 'kube-admin', action: 'Deny' });
    const problems = model(twoNamespaces(), docs, { allowProblems: true }).problems;
    expect(problems.map((p) => p.message)).to.deep.equal(['resource does not exist: Tier(kube-admin)']);
  });

  it('§1 a tier after the default tier never sees traffic the default tier decided', () => {
    const c = probe([tier('late', 5_000_000), gnp('late.deny', onDb({ tier: 'late', ...denyAll })), np('y', 'allow', onDb(allowAll))]);
    expect(c.verdict).to.equal('allow');
  });

  it('§1 policies in a tier run by ascending order, a missing order counting as +inf', () => {
    expect(probe([gnp('deny', onDb({ order: 100, ...denyAll })), gnp('allow', onDb({ order: 50, ...allowAll }))]).verdict).to.equal('allow');
    expect(probe([gnp('deny', onDb(denyAll)), gnp('allow', onDb({ order: 1e9, ...allowAll }))]).verdict).to.equal('allow');
  });

  it('§1 equal orders tie-break on the v1 name in 3.30/3.31 (ns/tier.name for NetworkPolicy)', () => {
    // Keys: GNP "default.bbb" sorts before NP "y/default.aaa".
    const docs = [np('y', 'aaa', onDb({ order: 10, ...denyAll })), gnp('bbb', onDb({ order: 10, ...allowAll }))];
    expect(probe(docs, { calicoVersion: '3.31' }).decidedBy?.policy).to.equal('bbb');
    expect(probe([gnp('aaa', onDb({ order: 10, ...denyAll })), gnp('bbb', onDb({ order: 10, ...allowAll }))]).verdict).to.equal('deny');
  });

  it('§1 equal orders tie-break on name/namespace/kind in 3.32', () => {
    const docs = [np('y', 'aaa', onDb({ order: 10, ...denyAll })), gnp('bbb', onDb({ order: 10, ...allowAll }))];
    expect(probe(docs, { calicoVersion: '3.32' }).decidedBy?.policy).to.equal('aaa');
  });

  it('§1 rules run in order: the first Allow or Deny that matches is final for that direction', () => {
    const c = probe([gnp('p', onDb({ ingress: [{ action: 'Deny', protocol: 'UDP' }, { action: 'Allow' }, { action: 'Deny' }] }))]);
    expect(c.decidedBy).to.include({ ruleIndex: 1, action: 'Allow' });
  });

  it('§1 Log continues to the next rule', () => {
    const c = probe([gnp('p', onDb({ ingress: [{ action: 'Log' }, { action: 'Deny' }] }))]);
    expect(c.decidedBy).to.include({ ruleIndex: 1, action: 'Deny' });
  });

  it('§1 Pass leaves the tier: later policies and the default action of that tier are skipped', () => {
    const c = probe([tier('t', 10), gnp('t.a-pass', onDb({ tier: 't', order: 1, ingress: [{ action: 'Pass' }] })),
      gnp('t.b-deny', onDb({ tier: 't', order: 2, ...denyAll }))]);
    expect(c.verdict).to.equal('allow');
    expect(c.decidedBy).to.include({ tier: 't', policy: 't.a-pass', action: 'Pass', ruleIndex: 0 });
  });

  it('§1 end of tier: a selecting policy whose rules do not match gets the default Deny, ruleIndex -1', () => {
    const c = probe([gnp('only-udp', onDb({ ingress: [{ action: 'Allow', protocol: 'UDP' }] }))]);
    expect(c.verdict).to.equal('deny');
    expect(c.decidedBy).to.deep.equal({ tier: 'default', policy: 'only-udp', kind: 'GlobalNetworkPolicy', ruleIndex: -1, action: 'Deny' });
  });

  it('§1 end of tier names the last policy of the tier that applied', () => {
    const c = probe([gnp('first', onDb({ order: 1, ingress: [{ action: 'Allow', protocol: 'UDP' }] })),
      gnp('second', onDb({ order: 2, ingress: [{ action: 'Allow', protocol: 'UDP' }] }))]);
    expect(c.decidedBy).to.include({ policy: 'second', ruleIndex: -1 });
  });

  it('§1 tier defaultAction Pass continues to the next tier', () => {
    const docs = [tier('t', 10, 'Pass'), gnp('t.udp', onDb({ tier: 't', ingress: [{ action: 'Allow', protocol: 'UDP' }] }))];
    const c = probe(docs);
    expect(c.verdict).to.equal('allow');
    expect(c.decidedBy).to.include({ tier: 't', ruleIndex: -1, action: 'Pass' });
    expect(probe([...docs, np('y', 'deny', onDb(denyAll))]).verdict).to.equal('deny');
  });

  it('§1 a tier with no policy for the endpoint does not apply, not even its default action', () => {
    const c = probe([tier('t', 10), gnp('t.web-only', { tier: 't', selector: "app == 'web'", ...denyAll })]);
    expect(c.verdict).to.equal('allow');
    expect(c.decidedBy).to.equal(null);
  });

  it('§1 the default action applies only for the direction the policy selected', () => {
    const c = probe([gnp('egress-only', onDb({ types: ['Egress'], egress: [{ action: 'Allow' }] }))]);
    expect(c.verdict).to.equal('allow');
  });

  it('§1 Kubernetes NetworkPolicy is knp.default.<name> at order 1000 in the default tier', () => {
    const k = knp('y', 'allow-all', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] });
    expect(probe([k]).decidedBy).to.deep.equal(
      { tier: 'default', policy: 'knp.default.allow-all', kind: 'NetworkPolicy', namespace: 'y', ruleIndex: 0, action: 'Allow' });
    expect(probe([k, np('y', 'early', onDb({ order: 999, ...denyAll }))]).verdict).to.equal('deny');
    expect(probe([k, np('y', 'late', onDb({ order: 1001, ...denyAll }))]).verdict).to.equal('allow');
  });

  it('§1 after the last tier the kns.<ns> profile allows; decidedBy is null when no policy applied', () => {
    const m = model(twoNamespaces(), []);
    expect(m.cells).to.have.length(40); // 4 pods to 4 pods and external:internet, 2 ports each
    expect(m.cells.every((c) => c.verdict === 'allow' && c.decidedBy === null)).to.equal(true);
  });
});
