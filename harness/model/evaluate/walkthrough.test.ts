import { expect } from 'chai';
import { compilePolicies, evaluate, type Cell, type Inventory, type ModeWalk } from '../index.ts';
import { gnp, knp, np, stagedGnp, stagedNp, tier } from '../testing/builders.ts';
import { inventory, policyDocs } from '../testing/model-fixture.ts';
import { walkthrough, WalkthroughError } from './walkthrough.ts';

const inv = inventory({
  x: { labels: { team: 'x' }, pods: { a: { labels: { app: 'a' } }, b: { labels: { app: 'b' } } } },
  y: { labels: { team: 'y' }, pods: { a: { labels: { app: 'a' } } } },
}, { internet: '203.0.113.9' });

function walk(docs: unknown[], from: string, to: string, port = 80, inventoryIn: Inventory = inv) {
  const { policies } = compilePolicies(policyDocs(docs));
  const cell = evaluate(inventoryIn, policies).find((c) => c.from === from && c.to === to && c.port === port && c.protocol === 'TCP');
  return { w: walkthrough(inventoryIn, policies, { from, to, port, protocol: 'TCP' }), cell };
}

const mode = (modes: ModeWalk[], name: ModeWalk['mode']) => {
  const m = modes.find((x) => x.mode === name);
  if (!m) throw new Error(`no ${name} mode`);
  return m;
};

function sameAsCell(modes: ModeWalk[], cell: Cell | undefined) {
  expect(mode(modes, 'enforced').verdict).to.equal(cell?.verdict);
  expect(mode(modes, 'enforced').decidedBy).to.deep.equal(cell?.decidedBy);
  if (cell?.stagedVerdict !== undefined) {
    expect(mode(modes, 'pending').verdict).to.equal(cell.stagedVerdict);
    expect(mode(modes, 'pending').decidedBy).to.deep.equal(cell.stagedDecidedBy);
    expect(mode(modes, 'promoted').verdict).to.equal(cell.promotedVerdict);
  }
}

describe('walkthrough: one connection through every tier', () => {
  it('Pass in an early tier, then Deny at the end of a later one: every tier in order, the rule that fired', () => {
    const { w, cell } = walk([
      tier('security', 100), tier('platform', 200),
      gnp('security.pass-x', { tier: 'security', order: 1, selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Pass', source: { selector: "app == 'b'" } }] }),
      gnp('platform.only-y', { tier: 'platform', order: 1, selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'UDP' }, { action: 'Allow', source: { namespaceSelector: "team == 'y'" } }] }),
    ], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    const enforced = mode(w.modes, 'enforced');
    expect(enforced.verdict).to.equal('deny');
    const ingress = enforced.ingress;
    expect(ingress?.tiers.map((t) => [t.tier, t.outcome.kind])).to.deep.equal([
      ['security', 'rule'], ['platform', 'end-of-tier'], ['adminnetworkpolicy', 'no-policy'], ['default', 'no-policy'], ['baselineadminnetworkpolicy', 'no-policy'],
    ]);
    const [security, platform] = ingress?.tiers ?? [];
    expect(security?.outcome).to.deep.include({ kind: 'rule', action: 'Pass' });
    expect(platform?.policies[0]?.rules.map((r) => [r.outcome, r.reason?.field])).to.deep.equal([['no-match', 'protocol'], ['no-match', 'source.selector']]);
    expect(platform?.policies[0]?.rules[0]?.reason?.message).to.equal('the protocol is TCP; the rule wants UDP');
    expect(platform?.outcome).to.deep.equal({
      kind: 'end-of-tier', action: 'Deny',
      decidedBy: { tier: 'platform', policy: 'platform.only-y', kind: 'GlobalNetworkPolicy', ruleIndex: -1, action: 'Deny' },
    });
    expect(ingress?.decidedAt).to.equal('end-of-tier');
    expect(enforced.egress?.decidedAt).to.equal('profile');
    expect(enforced.egress?.profile).to.equal('kns.x');
  });

  it('names the last policy of a Deny tier at its end (enforced), the first one (pending), as Calico does', () => {
    const deny = (name: string, order: number) => gnp(name, { tier: 'security', order, selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Allow', source: { selector: "app == 'nope'" } }] });
    const { w, cell } = walk([tier('security', 100), deny('security.first', 1), deny('security.second', 2), stagedGnp('security.staged', { tier: 'security', order: 3, selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow' }] })], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    const ends = w.modes.map((m) => m.ingress?.tiers[0]?.outcome);
    expect(ends.map((o) => (o?.kind === 'end-of-tier' ? o.decidedBy.policy : o?.kind))).to.deep.equal(['security.second', 'security.first', 'security.second']);
  });

  it('a staged Set is left out of the enforced walk, walked beside the enforced one when pending, and replaces it when promoted', () => {
    const { w, cell } = walk([
      np('x', 'guard', { order: 10, selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
      stagedNp('x', 'guard', { order: 10, selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
    ], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    expect(w.modes.map((m) => m.verdict)).to.deep.equal(['deny', 'deny', 'allow']);
    const defaultTier = (m: ModeWalk) => m.ingress?.tiers.find((t) => t.tier === 'default');
    expect(defaultTier(mode(w.modes, 'enforced'))?.leftOut.map((l) => [l.kind, l.name])).to.deep.equal([['StagedNetworkPolicy', 'guard']]);
    const pending = defaultTier(mode(w.modes, 'pending'));
    expect(pending?.policies.map((p) => [p.kind, p.stagedAction, p.reached])).to.deep.equal([['CalicoNetworkPolicy', undefined, true], ['StagedNetworkPolicy', 'Set', false]]);
    const promoted = defaultTier(mode(w.modes, 'promoted'));
    expect(promoted?.policies.map((p) => [p.kind, p.promotedFrom?.kind])).to.deep.equal([['CalicoNetworkPolicy', 'StagedNetworkPolicy']]);
    expect(promoted?.leftOut[0]?.why).to.equal('replaced by promoting StagedNetworkPolicy x/guard');
  });

  it('a staged Delete is in no walk but the promoted one, where its target is gone', () => {
    const { w, cell } = walk([
      np('x', 'guard', { order: 10, selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
      stagedNp('x', 'guard', { stagedAction: 'Delete' }),
    ], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    expect(w.modes.map((m) => m.verdict)).to.deep.equal(['deny', 'deny', 'allow']);
    const defaultTier = (m: ModeWalk) => m.ingress?.tiers.find((t) => t.tier === 'default');
    expect(defaultTier(mode(w.modes, 'pending'))?.policies.map((p) => p.kind)).to.deep.equal(['CalicoNetworkPolicy']);
    expect(defaultTier(mode(w.modes, 'pending'))?.leftOut[0]?.why).to.match(/^stagedAction Delete: never sent to the dataplane/);
    expect(defaultTier(mode(w.modes, 'promoted'))?.outcome.kind).to.equal('no-policy');
    expect(defaultTier(mode(w.modes, 'promoted'))?.leftOut[0]?.why).to.equal('deleted by promoting StagedNetworkPolicy x/guard (stagedAction Delete)');
  });

  it('a Log rule that matches is written down and never decides', () => {
    const { w, cell } = walk([gnp('log-then-deny', { selector: "app == 'a'", types: ['Ingress'], ingress: [{ action: 'Log' }, { action: 'Deny' }] })], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    const rules = mode(w.modes, 'enforced').ingress?.tiers.find((t) => t.tier === 'default')?.policies[0]?.rules;
    expect(rules?.map((r) => [r.action, r.outcome])).to.deep.equal([['Log', 'matched'], ['Deny', 'matched']]);
    expect(mode(w.modes, 'enforced').decidedBy).to.deep.include({ ruleIndex: 1, action: 'Deny' });
  });

  it('a pod to itself is allowed in every mode and no policy is looked at', () => {
    const { w, cell } = walk([gnp('deny-all', { selector: 'all()', types: ['Ingress', 'Egress'] }), stagedGnp('s', { selector: 'all()', ingress: [{ action: 'Deny' }] })], 'x/a', 'x/a');
    sameAsCell(w.modes, cell);
    expect(w.self).to.equal(true);
    expect(w.modes.map((m) => [m.mode, m.verdict, m.decidedBy, m.egress, m.ingress])).to.deep.equal([
      ['enforced', 'allow', null, null, null], ['pending', 'allow', null, null, null], ['promoted', 'allow', null, null, null],
    ]);
  });

  it('an external destination has no ingress side', () => {
    const { w, cell } = walk([gnp('egress-web', { selector: "app == 'a'", types: ['Egress'], egress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }] })], 'x/a', 'external:internet');
    sameAsCell(w.modes, cell);
    const enforced = mode(w.modes, 'enforced');
    expect(enforced.ingress).to.equal(null);
    expect(enforced.egress?.tiers.find((t) => t.tier === 'default')?.policies[0]?.rules[0]?.reason).to.deep.equal({ field: 'destination.ports', message: 'port 80 is not in ports 443' });
  });

  it('says a rule depends on the pod\'s address when a CIDR cuts the pod CIDR, and the verdict is the cell\'s unknown', () => {
    const { w, cell } = walk([knp('x', 'from-part', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.244.1.0/24' } }] }] })], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    const enforced = mode(w.modes, 'enforced');
    expect(enforced.verdict).to.equal('unknown');
    expect(enforced.unknownBecause).to.equal(cell?.unknownBecause);
    const rule = enforced.ingress?.tiers.find((t) => t.tier === 'default')?.policies[0]?.rules[0];
    expect(rule?.outcome).to.equal('depends-on-address');
    expect(rule?.dependsOnAddress).to.deep.equal({ pods: ['x/b'], cidrs: ['10.244.1.0/24'], walkGoesOnAs: 'no-match' });
  });

  it('a CIDR holding the whole pod CIDR does not depend on the address, and says so', () => {
    const { w, cell } = walk([knp('x', 'from-pods', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })], 'x/b', 'x/a');
    sameAsCell(w.modes, cell);
    const rule = mode(w.modes, 'enforced').ingress?.tiers.find((t) => t.tier === 'default')?.policies[0]?.rules[0];
    expect(rule?.outcome).to.equal('matched');
    expect(rule?.addressNote).to.equal('x/b has no address offline; every address in the pod CIDR 10.244.0.0/16 gives this outcome');
  });

  it('refuses a source, destination or port the inventory does not have', () => {
    const { policies } = compilePolicies([]);
    expect(() => walkthrough(inv, policies, { from: 'x/zz', to: 'x/a', port: 80, protocol: 'TCP' })).to.throw(WalkthroughError, 'x/zz is not a pod');
    expect(() => walkthrough(inv, policies, { from: 'x/a', to: 'external:nope', port: 80, protocol: 'TCP' })).to.throw(WalkthroughError, 'external:nope');
    expect(() => walkthrough(inv, policies, { from: 'x/a', to: 'x/b', port: 443, protocol: 'TCP' })).to.throw(WalkthroughError, 'x/b does not serve 443/TCP');
  });
});
