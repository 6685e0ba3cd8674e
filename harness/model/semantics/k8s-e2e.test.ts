// Kubernetes NetworkPolicy behaviours from the upstream e2e netpol suite, written from the
// NetworkPolicy spec for the model (no code copied): each test names the upstream case.
import { knp } from '../testing/builders.ts';
import { model } from '../testing/model-fixture.ts';
import { e2eInventory, expectReachability, ns, pod } from '../testing/reachability.ts';

const sel = (labels: Record<string, string>) => ({ matchLabels: labels });
const run = (...docs: unknown[]) => model(e2eInventory(), docs);
const allow = (ok: boolean) => (ok ? 'allow' : 'deny');

describe('Kubernetes e2e netpol cases (CALICO-SEMANTICS.md §5)', () => {
  it("should support a 'default-deny-ingress' policy", () => {
    const m = run(knp('x', 'deny-ingress', { podSelector: {} }));
    for (const port of ['80/TCP', '81/UDP', '80/SCTP']) expectReachability(m, port, (_f, t) => allow(ns(t) !== 'x'));
  });

  it("should support a 'default-deny-all' policy", () => {
    const m = run(knp('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    expectReachability(m, '80/TCP', (f, t) => allow(ns(t) !== 'x' && ns(f) !== 'x'));
  });

  it('should support allow-all policy', () => {
    const m = run(knp('x', 'deny', { podSelector: {} }), knp('x', 'allow-all', { podSelector: {}, ingress: [{}] }));
    expectReachability(m, '80/TCP', () => 'allow');
  });

  it('should enforce policy to allow traffic from pods within server namespace based on PodSelector', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }] }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || f === 'x/b'));
  });

  it('should enforce policy to allow ingress traffic from pods in all namespaces', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: {} }] }] }));
    expectReachability(m, '80/TCP', () => 'allow');
  });

  it('should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || ns(f) === 'y'));
  });

  it('should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'y' }) }] }] }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || ns(f) === 'y'));
  });

  it('should enforce policy based on PodSelector with MatchExpressions', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || f === 'x/b'));
  });

  it('should enforce policy based on NamespaceSelector with MatchExpressions', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'In', values: ['y'] }] } }] }] }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || ns(f) === 'y'));
  });

  it('should enforce policy based on PodSelector or NamespaceSelector', () => {
    const m = run(knp('x', 'p', {
      podSelector: sel({ pod: 'a' }),
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] } }, { podSelector: sel({ pod: 'b' }) }] }],
    }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || ns(f) !== 'x' || f === 'x/b'));
  });

  it('should enforce policy based on PodSelector and NamespaceSelector', () => {
    const m = run(knp('x', 'p', {
      podSelector: sel({ pod: 'a' }),
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] }, podSelector: sel({ pod: 'b' }) }] }],
    }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || f === 'y/b' || f === 'z/b'));
  });

  it('should enforce policy based on Multiple PodSelectors and NamespaceSelectors', () => {
    const m = run(knp('x', 'p', {
      podSelector: sel({ pod: 'a' }),
      ingress: [{ from: [{
        namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] },
        podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
      }] }],
    }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || (ns(f) !== 'x' && pod(f) !== 'a')));
  });

  it('should enforce policy based on any PodSelectors', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }, { podSelector: sel({ pod: 'c' }) }] }] }));
    expectReachability(m, '80/TCP', (f, t) => allow(t !== 'x/a' || f === 'x/b' || f === 'x/c'));
  });

  it('should enforce policy based on Ports', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 81 }] }] }));
    expectReachability(m, '80/TCP', (_f, t) => allow(t !== 'x/a'));
    expectReachability(m, '81/TCP', (f, t) => allow(t !== 'x/a' || ns(f) === 'y'));
    expectReachability(m, '81/UDP', (_f, t) => allow(t !== 'x/a'));
  });

  it("should support 'endPort' ranges (port 79, endPort 80)", () => {
    const m = run(knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 79, endPort: 80 }] }] }));
    expectReachability(m, '80/TCP', () => 'allow');
    expectReachability(m, '81/TCP', (_f, t) => allow(ns(t) !== 'x'));
  });

  it('should enforce multiple, stacked policies with overlapping podSelectors (additive)', () => {
    const m = run(
      knp('x', 'p80', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 80 }] }] }),
      knp('x', 'p81', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: sel({ ns: 'z' }) }], ports: [{ port: 81 }] }] }),
    );
    expectReachability(m, '80/TCP', (f, t) => allow(ns(t) !== 'x' || (t === 'x/a' && ns(f) === 'y')));
    expectReachability(m, '81/TCP', (f, t) => allow(ns(t) !== 'x' || ns(f) === 'z'));
  });

  it('should allow ingress access on one named port', () => {
    const m = run(knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-80-tcp' }] }] }));
    expectReachability(m, '8080/TCP', () => 'allow');
    expectReachability(m, '80/TCP', (_f, t) => allow(ns(t) !== 'x'));
  });

  it('should allow ingress access from namespace on one named port', () => {
    const m = run(knp('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 'serve-80-tcp' }] }] }));
    expectReachability(m, '8080/TCP', (f, t) => allow(ns(t) !== 'x' || ns(f) === 'y'));
  });

  it('should allow egress access on one named port', () => {
    const m = run(knp('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] }));
    expectReachability(m, '8080/TCP', () => 'allow');
    expectReachability(m, '80/TCP', (f) => allow(ns(f) !== 'x'));
  });

  it('should deny egress from pods based on PodSelector', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'] }));
    expectReachability(m, '80/TCP', (f) => allow(f !== 'x/a'));
  });

  it('should deny egress from all pods in a namespace', () => {
    const m = run(knp('x', 'p', { podSelector: {}, policyTypes: ['Egress'] }));
    expectReachability(m, '80/TCP', (f) => allow(ns(f) !== 'x'));
  });

  it('should work with Ingress, Egress specified together', () => {
    const m = run(knp('x', 'p', {
      podSelector: sel({ pod: 'a' }), policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }], egress: [{ to: [{ namespaceSelector: sel({ ns: 'y' }) }] }],
    }));
    expectReachability(m, '80/TCP', (f, t) => allow((t !== 'x/a' || f === 'x/b') && (f !== 'x/a' || ns(t) === 'y')));
  });

  it('should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)', () => {
    const m = run(
      knp('x', 'deny-egress', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: sel({ ns: 'y' }) }] }] }),
      knp('z', 'allow-from-x', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: sel({ ns: 'x' }) }] }] }),
    );
    expectReachability(m, '80/TCP', (f, t) => allow((f !== 'x/a' || ns(t) === 'y') && (ns(t) !== 'z' || ns(f) === 'x')));
  });

  it('should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector', () => {
    const m = run(knp('x', 'p', {
      podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: sel({ ns: 'y' }), podSelector: sel({ pod: 'a' }) }] }],
    }));
    expectReachability(m, '80/TCP', (f, t) => allow(f !== 'x/a' || t === 'y/a'));
  });

  it('should enforce ingress policy allowing any port traffic to a server on a specific protocol', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ protocol: 'TCP' }] }] }));
    expectReachability(m, '81/TCP', () => 'allow');
    expectReachability(m, '81/UDP', (_f, t) => allow(t !== 'x/a'));
  });

  it('should enforce multiple ingress policies with ingress allow-all policy taking precedence', () => {
    const m = run(
      knp('x', 'only-81', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 81 }] }] }),
      knp('x', 'all', { podSelector: sel({ pod: 'a' }), ingress: [{}] }),
    );
    expectReachability(m, '80/TCP', () => 'allow');
  });

  it('should enforce multiple egress policies with egress allow-all policy taking precedence', () => {
    const m = run(
      knp('x', 'only-81', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ ports: [{ port: 81 }] }] }),
      knp('x', 'all', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{}] }),
    );
    expectReachability(m, '80/TCP', () => 'allow');
  });

  it('should allow egress access to server in CIDR block (pod IPs known)', () => {
    const m = model(e2eInventory({ podIps: true }), [knp('x', 'p', {
      podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.1.0/24' } }] }],
    })]);
    expectReachability(m, '80/TCP', (f, t) => allow(f !== 'x/a' || ns(t) === 'y'));
  });

  it('should enforce except clause while egress access to server in CIDR block', () => {
    const m = model(e2eInventory({ podIps: true }), [knp('x', 'p', {
      podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.2/32'] } }] }],
    })]);
    expectReachability(m, '80/TCP', (f, t) => allow(f !== 'x/a' || t !== 'y/b'));
  });

  it('should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed by another peer', () => {
    const m = model(e2eInventory({ podIps: true }), [knp('x', 'p', {
      podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.2/32'] } }, { ipBlock: { cidr: '10.0.1.2/32' } }] }],
    })]);
    expectReachability(m, '80/TCP', () => 'allow');
  });

  it('should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector', () => {
    const m = run(
      knp('x', 'allow-all-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
      knp('x', 'deny-b-egress', { podSelector: sel({ pod: 'b' }), policyTypes: ['Egress'] }),
      knp('x', 'deny-a-ingress', { podSelector: sel({ pod: 'a' }), policyTypes: ['Ingress'] }),
    );
    expectReachability(m, '80/TCP', (_f, t) => allow(t !== 'x/a'));
  });

  it("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'", () => {
    const m = run(knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] }));
    expectReachability(m, '80/SCTP', () => 'allow');
    expectReachability(m, '80/TCP', (_f, t) => allow(ns(t) !== 'x'));
  });

  it('should not allow access by TCP when a policy specifies only UDP', () => {
    const m = run(knp('x', 'p', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] }));
    expectReachability(m, '81/UDP', () => 'allow');
    expectReachability(m, '81/TCP', (_f, t) => allow(t !== 'x/a'));
  });

  it('should stop enforcing policies after they are deleted (an empty set allows everything)', () => {
    expectReachability(run(), '80/TCP', () => 'allow');
  });
});
