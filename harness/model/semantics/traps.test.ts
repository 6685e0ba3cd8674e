import { expect } from 'chai';
import { gnp, knp, tier } from '../testing/builders.ts';
import { inventory, model, twoNamespaces } from '../testing/model-fixture.ts';

describe('CALICO-SEMANTICS.md §7: traps', () => {
  it('§7.1 a pod to its own IP is always allowed, even when everything is denied', () => {
    const m = model(twoNamespaces(), [gnp('deny-all', { selector: 'all()', types: ['Ingress', 'Egress'], ingress: [{ action: 'Deny' }], egress: [{ action: 'Deny' }] })]);
    const self = m.cells.filter((c) => c.from === c.to);
    expect(self).to.have.length(8);
    expect(self.every((c) => c.verdict === 'allow' && c.decidedBy === null)).to.equal(true);
    expect(m.verdict('x/a', 'x/b')).to.equal('deny');
  });

  it('§7.2 host and hostNetwork traffic is outside the model: sources are pods only', () => {
    const m = model(twoNamespaces(), []);
    expect(new Set(m.cells.map((c) => c.from))).to.deep.equal(new Set(['x/a', 'x/b', 'y/a', 'y/b']));
  });

  it("§7.3 replies are never evaluated: the server's egress policy does not block an inbound connection", () => {
    const m = model(twoNamespaces(), [knp('y', 'no-egress', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(m.verdict('x/a', 'y/b')).to.equal('allow');
    expect(m.verdict('y/b', 'x/a')).to.equal('deny');
  });

  it('§7.4 once egress is policed, DNS needs an explicit allow to kube-dns', () => {
    const dns = { 'kube-dns': { labels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' as const }] } };
    const inv = inventory({ x: { pods: { a: {} } }, 'kube-system': { pods: dns } });
    const egressToY = knp('x', 'egress', { podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'y' } } }] }] });
    expect(model(inv, [egressToY]).verdict('x/a', 'kube-system/kube-dns', '53/UDP')).to.equal('deny');
    const withDns = knp('x', 'dns', {
      podSelector: {}, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    });
    expect(model(inv, [egressToY, withDns]).verdict('x/a', 'kube-system/kube-dns', '53/UDP')).to.equal('allow');
  });

  it('§7.5 pods without labels still carry the projectcalico.org/* labels', () => {
    const inv = inventory({ x: { pods: { a: {}, b: {} } } });
    const m = model(inv, [gnp('p', { selector: 'has(projectcalico.org/namespace)', ingress: [{ action: 'Deny' }] })]);
    expect(m.verdict('x/a', 'x/b')).to.equal('deny');
  });

  it('§7.6 a policy with both types but only ingress rules denies all egress', () => {
    const m = model(twoNamespaces(), [gnp('p', { selector: "app == 'web'", types: ['Ingress', 'Egress'], ingress: [{ action: 'Allow' }] })]);
    expect(m.verdict('x/a', 'y/b')).to.equal('deny');
    expect(m.verdict('x/a', 'external:internet')).to.equal('deny');
    expect(m.verdict('y/b', 'x/a')).to.equal('allow');
  });

  it('§7.7 passing out of the last tier is an allow, not a deny', () => {
    const m = model(twoNamespaces(), [tier('last', 20_000_000), gnp('last.pass', { tier: 'last', selector: 'all()', ingress: [{ action: 'Pass' }] })]);
    expect(m.cell('x/a', 'y/b')).to.include({ verdict: 'allow' });
    expect(m.cell('x/a', 'y/b').decidedBy).to.include({ tier: 'last', action: 'Pass' });
  });

  it('§7.8 Log never decides a verdict', () => {
    const onlyLog = model(twoNamespaces(), [gnp('p', { selector: "app == 'db'", ingress: [{ action: 'Log' }] })]);
    expect(onlyLog.cell('x/a', 'y/b').decidedBy).to.include({ ruleIndex: -1, action: 'Deny' });
    const logThenAllow = model(twoNamespaces(), [gnp('p', { selector: "app == 'db'", ingress: [{ action: 'Log' }, { action: 'Allow' }] })]);
    expect(logThenAllow.cell('x/a', 'y/b').decidedBy).to.include({ ruleIndex: 1, action: 'Allow' });
  });
});
