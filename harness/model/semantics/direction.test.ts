import { expect } from 'chai';
import { gnp, knp, stagedKnp } from '../testing/builders.ts';
import { model, twoNamespaces } from '../testing/model-fixture.ts';

const web = "app == 'web'";
const allowUdp = [{ action: 'Allow', protocol: 'UDP' }];

describe('CALICO-SEMANTICS.md §2: direction and types', () => {
  it('§2 a connection needs the client egress verdict and the server ingress verdict', () => {
    const egressDeny = model(twoNamespaces(), [gnp('p', { selector: web, types: ['Egress'], egress: [{ action: 'Deny' }] })]);
    expect(egressDeny.verdict('x/a', 'y/b')).to.equal('deny');
    expect(egressDeny.cell('x/a', 'y/b').decidedBy).to.include({ policy: 'p', action: 'Deny', ruleIndex: 0 });
    expect(egressDeny.verdict('y/b', 'x/a')).to.equal('allow');
    const ingressDeny = model(twoNamespaces(), [gnp('p', { selector: web, ingress: [{ action: 'Deny' }] })]);
    expect(ingressDeny.verdict('y/b', 'x/a')).to.equal('deny');
    expect(ingressDeny.verdict('x/a', 'y/b')).to.equal('allow');
  });

  it('§2 Calico types defaulting: no egress rules gives [Ingress]', () => {
    const m = model(twoNamespaces(), [gnp('p', { selector: web, ingress: allowUdp })]);
    expect(m.verdict('y/b', 'x/a'), 'ingress to web').to.equal('deny');
    expect(m.verdict('x/a', 'y/b'), 'egress from web').to.equal('allow');
  });

  it('§2 Calico types defaulting: a policy with no rules at all is [Ingress]', () => {
    const m = model(twoNamespaces(), [gnp('p', { selector: web })]);
    expect(m.verdict('y/b', 'x/a')).to.equal('deny');
    expect(m.verdict('x/a', 'y/b')).to.equal('allow');
  });

  it('§2 Calico types defaulting: only egress rules gives [Egress]', () => {
    const m = model(twoNamespaces(), [gnp('p', { selector: web, egress: allowUdp })]);
    expect(m.verdict('x/a', 'y/b')).to.equal('deny');
    expect(m.verdict('y/b', 'x/a')).to.equal('allow');
  });

  it('§2 Calico types defaulting: both kinds of rule give both', () => {
    const m = model(twoNamespaces(), [gnp('p', { selector: web, ingress: allowUdp, egress: allowUdp })]);
    expect(m.verdict('x/a', 'y/b')).to.equal('deny');
    expect(m.verdict('y/b', 'x/a')).to.equal('deny');
  });

  it('§2 Kubernetes always sets Ingress, and adds Egress when egress rules are present', () => {
    const ingressOnly = model(twoNamespaces(), [knp('x', 'p', { podSelector: { matchLabels: { app: 'web' } } })]);
    expect(ingressOnly.verdict('y/b', 'x/a')).to.equal('deny');
    expect(ingressOnly.verdict('x/a', 'y/b')).to.equal('allow');
    const withEgress = model(twoNamespaces(), [knp('x', 'p', { podSelector: { matchLabels: { app: 'web' } }, egress: [{ ports: [{ port: 81 }] }] })]);
    expect(withEgress.verdict('y/b', 'x/a'), 'ingress still defaulted').to.equal('deny');
    expect(withEgress.verdict('x/a', 'y/b', '80/TCP')).to.equal('deny');
    expect(withEgress.verdict('x/a', 'y/b', '81/TCP')).to.equal('allow');
  });

  it('§2 explicit Kubernetes policyTypes are used as written', () => {
    const m = model(twoNamespaces(), [knp('x', 'p', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] })]);
    expect(m.verdict('x/a', 'y/b')).to.equal('deny');
    expect(m.verdict('y/b', 'x/a')).to.equal('allow');
  });

  it('§2 a StagedKubernetesNetworkPolicy without policyTypes is Ingress-only, even with egress rules', () => {
    const m = model(twoNamespaces(), [stagedKnp('x', 'p', { podSelector: { matchLabels: { app: 'web' } }, egress: [{ ports: [{ port: 81 }] }] })]);
    expect(m.cell('x/a', 'y/b').stagedVerdict, 'egress not policed').to.equal('allow');
    expect(m.cell('y/b', 'x/a').stagedVerdict, 'ingress policed, no ingress rules').to.equal('deny');
    // Promoted, it becomes a Kubernetes NetworkPolicy, which Kubernetes defaults to Ingress+Egress.
    expect(m.cell('x/a', 'y/b', '80/TCP').promotedVerdict).to.equal('deny');
  });
});
