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

  it('§6 decidedBy always describes the enforced verdict', () => {
    const c = model(twoNamespaces(), [np('y', 'p', onDb(deny)), stagedNp('y', 'p', onDb(allow))]).cell('x/a', 'y/b');
    expect(c.decidedBy).to.include({ policy: 'p', kind: 'CalicoNetworkPolicy', action: 'Deny' });
  });
});
