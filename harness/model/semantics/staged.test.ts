import { expect } from 'chai';
import { gnp, knp, np, stagedGnp, stagedKnp, stagedNp, tier } from '../testing/builders.ts';
import { model, twoNamespaces } from '../testing/model-fixture.ts';

const onDb = (spec: Record<string, unknown>) => ({ selector: "app == 'db'", ...spec });
const deny = { ingress: [{ action: 'Deny' }] };
const allow = { ingress: [{ action: 'Allow' }] };
/** [verdict, stagedVerdict, promotedVerdict] of x/a -> y/b. */
function probe(docs: unknown[], opts = {}): (string | undefined)[] {
  const c = model(twoNamespaces(), docs, opts).cell('x/a', 'y/b');
  return [c.verdict, c.stagedVerdict, c.promotedVerdict];
}

describe('CALICO-SEMANTICS.md §6: staged policies', () => {
  it('§6 stagedVerdict and promotedVerdict are on every cell iff a staged policy exists (Delete counts)', () => {
    const none = model(twoNamespaces(), [gnp('p', onDb(deny))]);
    expect(none.cells).to.have.length(40); // 4 pods to 4 pods and external:internet, 2 ports each
    expect(none.cells.every((c) => !('stagedVerdict' in c) && !('promotedVerdict' in c))).to.equal(true);
    const some = model(twoNamespaces(), [stagedKnp('y', 'gone', { stagedAction: 'Delete' })]);
    expect(some.cells).to.have.length(40); // 4 pods to 4 pods and external:internet, 2 ports each
    expect(some.cells.every((c) => c.stagedVerdict !== undefined && c.promotedVerdict !== undefined)).to.equal(true);
  });

  it('§6 the enforced verdict skips staged policies', () => {
    expect(probe([stagedGnp('p', onDb(deny))])).to.deep.equal(['allow', 'deny', 'deny']);
  });

  it('§6 a tier whose only applicable policies are staged gets no end-of-tier drop (enforced), but does when pending', () => {
    expect(probe([tier('t', 10), stagedGnp('t.udp', onDb({ tier: 't', ingress: [{ action: 'Allow', protocol: 'UDP' }] }))]))
      .to.deep.equal(['allow', 'deny', 'deny']);
  });

  it('§6 with no staged policies in play the pending verdict equals the enforced one', () => {
    const m = model(twoNamespaces(), [np('y', 'p', onDb(deny)), stagedGnp('unrelated', { selector: "app == 'none'", ...deny })]);
    expect(m.cells).to.have.length(40); // 4 pods to 4 pods and external:internet, 2 ports each
    expect(m.cells.every((c) => c.stagedVerdict === c.verdict && c.promotedVerdict === c.verdict)).to.equal(true);
  });

  it('§6 pending: the staged policy runs in its own place beside the enforced one, which is kept; the first match decides', () => {
    // Same name, same order: 3.31 keys are "default.p" (enforced) < "staged:default.p" (staged).
    expect(probe([gnp('p', onDb({ order: 10, ...allow })), stagedGnp('p', onDb({ order: 10, ...deny }))]))
      .to.deep.equal(['allow', 'allow', 'deny']);
    // An earlier order puts the staged copy first.
    expect(probe([gnp('p', onDb({ order: 10, ...allow })), stagedGnp('p', onDb({ order: 5, ...deny }))]))
      .to.deep.equal(['allow', 'deny', 'deny']);
  });

  it('§6 the staged key can sort first in 3.31 (tier name after "staged:") but not in 3.32', () => {
    const docs = [tier('zeta', 10), gnp('zeta.p', onDb({ tier: 'zeta', order: 1, ...allow })), stagedGnp('zeta.p', onDb({ tier: 'zeta', order: 1, ...deny }))];
    expect(probe(docs, { calicoVersion: '3.31' })).to.deep.equal(['allow', 'deny', 'deny']);
    expect(probe(docs, { calicoVersion: '3.32' })).to.deep.equal(['allow', 'allow', 'deny']);
  });

  it('§6 promotion: Set replaces the same-named enforced policy', () => {
    expect(probe([np('y', 'p', onDb(deny)), stagedNp('y', 'p', onDb({ ingress: [{ action: 'Allow', protocol: 'TCP' }] }))]))
      .to.deep.equal(['deny', 'deny', 'allow']);
    // The enforced Kubernetes policy has no rule to match, so in pending mode the staged copy
    // (next in the tier) allows before the end of the tier is reached.
    expect(probe([knp('y', 'p', { podSelector: { matchLabels: { app: 'db' } } }),
      stagedKnp('y', 'p', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] })])).to.deep.equal(['deny', 'allow', 'allow']);
  });

  it('§6 Delete is never sent to the dataplane: neither enforced nor pending change; promotion removes the policy', () => {
    expect(probe([np('y', 'p', onDb(deny)), stagedNp('y', 'p', { stagedAction: 'Delete' })])).to.deep.equal(['deny', 'deny', 'allow']);
    expect(probe([knp('y', 'p', { podSelector: {} }), stagedKnp('y', 'p', { stagedAction: 'Delete' })])).to.deep.equal(['deny', 'deny', 'allow']);
    expect(probe([gnp('security-p', onDb(deny)), stagedGnp('security-p', { stagedAction: 'Delete' })])).to.deep.equal(['deny', 'deny', 'allow']);
  });

  it('§6 a staged policy only replaces its own kind, name and namespace', () => {
    expect(probe([np('y', 'p', onDb(deny)), stagedNp('x', 'p', { stagedAction: 'Delete' })])).to.deep.equal(['deny', 'deny', 'deny']);
    expect(probe([np('y', 'p', onDb(deny)), stagedGnp('p', { stagedAction: 'Delete' })])).to.deep.equal(['deny', 'deny', 'deny']);
  });

  it('§6 stagedAction Learn and Ignore are staged like Set', () => {
    for (const stagedAction of ['Learn', 'Ignore']) {
      expect(probe([stagedGnp('p', onDb({ stagedAction, ...deny }))]), stagedAction).to.deep.equal(['allow', 'deny', 'deny']);
    }
  });

  it('§6 pending is not "what happens if I promote": the logs cannot show this change', () => {
    // The enforced allow sorts first and matches, so the logs report allow; promotion would deny.
    const c = model(twoNamespaces(), [gnp('p', onDb({ order: 10, ...allow })), stagedGnp('p', onDb({ order: 10, ...deny }))]).cell('x/a', 'y/b');
    expect(c.stagedVerdict).to.not.equal(c.promotedVerdict);
  });

  it('§6 stagedDecidedBy is on every cell iff stagedVerdict is; a pod to itself has null', () => {
    const none = model(twoNamespaces(), [gnp('p', onDb(deny))]);
    expect(none.cells.some((c) => 'stagedDecidedBy' in c)).to.equal(false);
    const some = model(twoNamespaces(), [stagedGnp('p', onDb(deny))]);
    expect(some.cells.every((c) => ('stagedDecidedBy' in c) === (c.stagedVerdict !== undefined))).to.equal(true);
    expect(some.cell('y/b', 'y/b').stagedDecidedBy).to.equal(null);
  });

  it('§6 a staged Kubernetes default-deny: the pending trace ends its tier, named by the staged policy (seen live in 3.31)', () => {
    // Goldmane: {kind: EndOfTier, tier: default, action: Deny, rule_index: -1,
    //            trigger: {kind: StagedKubernetesNetworkPolicy, namespace: sk, name: default-deny}}.
    const c = model(twoNamespaces(), [stagedKnp('y', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] })]).cell('x/a', 'y/b');
    expect([c.verdict, c.stagedVerdict]).to.deep.equal(['allow', 'deny']);
    expect(c.decidedBy).to.equal(null);
    expect(c.stagedDecidedBy).to.deep.equal({
      tier: 'default', policy: 'knp.default.default-deny', kind: 'StagedKubernetesNetworkPolicy', namespace: 'y', ruleIndex: -1, action: 'Deny',
    });
  });

  it('§6 a staged Pass: the pending trace leaves its tier; with nothing after it, the Pass rule is what decided', () => {
    const docs = [tier('t', 10), stagedGnp('t.pass', onDb({ tier: 't', ingress: [{ action: 'Pass' }] }))];
    const c = model(twoNamespaces(), docs).cell('x/a', 'y/b');
    expect([c.verdict, c.stagedVerdict]).to.deep.equal(['allow', 'allow']);
    expect(c.stagedDecidedBy).to.deep.equal({ tier: 't', policy: 't.pass', kind: 'StagedGlobalNetworkPolicy', ruleIndex: 0, action: 'Pass' });
  });

  it('§6 a staged Pass hands the pending trace to the next tier, which decides', () => {
    const docs = [tier('t', 10), stagedGnp('t.pass', onDb({ tier: 't', ingress: [{ action: 'Pass' }] })), knp('y', 'deny-all', { podSelector: {} })];
    const c = model(twoNamespaces(), docs).cell('x/a', 'y/b');
    expect([c.verdict, c.stagedVerdict]).to.deep.equal(['deny', 'deny']);
    const endOfDefault = { tier: 'default', policy: 'knp.default.deny-all', kind: 'NetworkPolicy', namespace: 'y', ruleIndex: -1, action: 'Deny' };
    expect(c.decidedBy).to.deep.equal(endOfDefault);
    expect(c.stagedDecidedBy).to.deep.equal(endOfDefault);
  });

  it('§6 an end of tier names the tier\'s first policy in the pending trace, its last enforced one in the enforced trace', () => {
    // Pending: app-policy/checker/check.go keeps the first policy that did not match; enforced:
    // calc/endpoint_lookup_cache.go keeps overwriting with each enforced policy.
    const none = { ingress: [{ action: 'Allow', source: { selector: "app == 'none'" } }] };
    const staged = model(twoNamespaces(), [stagedNp('y', 'first', onDb({ order: 5, ...none })), np('y', 'second', onDb({ order: 20, ...none }))]).cell('x/a', 'y/b');
    expect(staged.decidedBy).to.include({ policy: 'second', kind: 'CalicoNetworkPolicy', ruleIndex: -1, action: 'Deny' });
    expect(staged.stagedDecidedBy).to.include({ policy: 'first', kind: 'StagedNetworkPolicy', ruleIndex: -1, action: 'Deny' });
    // With only enforced policies in the tier the two traces still name different policies.
    const enforced = model(twoNamespaces(), [np('y', 'a', onDb({ order: 10, ...none })), np('y', 'b', onDb({ order: 20, ...none })),
      stagedGnp('unrelated', { selector: "app == 'none'", ...deny })]).cell('x/a', 'y/b');
    expect([enforced.verdict, enforced.stagedVerdict]).to.deep.equal(['deny', 'deny']);
    expect(enforced.decidedBy).to.include({ policy: 'b', ruleIndex: -1 });
    expect(enforced.stagedDecidedBy).to.include({ policy: 'a', ruleIndex: -1 });
  });

  it('§6 a staged rule that fires names the staged policy; with no staged policy applying it equals decidedBy', () => {
    const m = model(twoNamespaces(), [np('y', 'p', onDb(deny)), stagedNp('y', 'p', onDb({ order: 1, ...allow }))]);
    expect(m.cell('x/a', 'y/b').stagedDecidedBy).to.deep.include({ policy: 'p', kind: 'StagedNetworkPolicy', namespace: 'y', ruleIndex: 0, action: 'Allow' });
    const web = m.cell('x/b', 'y/a');
    expect(web.stagedDecidedBy).to.deep.equal(web.decidedBy);
  });

  it('§6 decidedBy always describes the enforced verdict', () => {
    const c = model(twoNamespaces(), [np('y', 'p', onDb(deny)), stagedNp('y', 'p', onDb(allow))]).cell('x/a', 'y/b');
    expect(c.decidedBy).to.include({ policy: 'p', kind: 'CalicoNetworkPolicy', action: 'Deny' });
  });
});
