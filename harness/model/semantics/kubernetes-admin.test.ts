import { expect } from 'chai';
import { anp, banp, knp, np } from '../testing/builders.ts';
import { inventory, model, problemsOf, twoNamespaces } from '../testing/model-fixture.ts';

const web = { matchLabels: { app: 'web' } };
const db = { matchLabels: { app: 'db' } };
const allNamespaces = { namespaces: {} };
const anpOn = (name: string, priority: number, ingress: unknown[], subject: unknown = allNamespaces) => anp(name, { priority, subject, ingress });

describe('CALICO-SEMANTICS.md §5: Kubernetes NetworkPolicy', () => {
  it('§5 NetworkPolicy is allow-only and additive', () => {
    const m = model(twoNamespaces(), [
      knp('y', 'from-web', { podSelector: db, ingress: [{ from: [{ namespaceSelector: {}, podSelector: web }] }] }),
      knp('y', 'from-x', { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] }),
    ]);
    expect([m.verdict('x/a', 'y/b'), m.verdict('x/b', 'y/b'), m.verdict('y/a', 'y/b')]).to.deep.equal(['allow', 'allow', 'allow']);
  });

  it("§5 a selected pod that matches no rule is denied by the default tier's end", () => {
    const m = model(twoNamespaces(), [knp('y', 'from-web', { podSelector: db, ingress: [{ from: [{ podSelector: web }] }] })]);
    expect(m.cell('x/a', 'y/b').decidedBy).to.deep.equal(
      { tier: 'default', policy: 'knp.default.from-web', kind: 'NetworkPolicy', namespace: 'y', ruleIndex: -1, action: 'Deny' });
  });

  it('§5 the default protocol is TCP; endPort makes the range port:endPort', () => {
    const m = model(inventory({ x: { pods: { a: {}, b: { ports: [{ port: 80, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }, { port: 90, protocol: 'TCP' }, { port: 91, protocol: 'TCP' }] } } } }),
      [knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }, { port: 85, endPort: 90 }] }] })]);
    expect(m.row('x/a', '80/UDP')['x/b']).to.equal('deny');
    expect(['80/TCP', '90/TCP', '91/TCP'].map((p) => m.verdict('x/a', 'x/b', p))).to.deep.equal(['allow', 'allow', 'deny']);
  });

  it('§5 peers: podSelector alone means the policy namespace; namespaceSelector alone all pods there ({} = every namespace); both ANDed', () => {
    const into = (peer: Record<string, unknown>) => {
      const m = model(twoNamespaces(), [knp('y', 'p', { podSelector: db, ingress: [{ from: [peer] }] })]);
      return ['x/a', 'x/b', 'y/a'].filter((f) => m.verdict(f, 'y/b') === 'allow');
    };
    expect(into({ podSelector: web })).to.deep.equal(['y/a']);
    expect(into({ namespaceSelector: { matchLabels: { team: 'a' } } })).to.deep.equal(['x/a', 'x/b']);
    expect(into({ namespaceSelector: {} })).to.deep.equal(['x/a', 'x/b', 'y/a']);
    expect(into({ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: web })).to.deep.equal(['x/a']);
  });

  it('§5 ipBlock becomes nets and except becomes notNets; ipBlock matches externals and known pod IPs', () => {
    const inv = inventory({ x: { pods: { a: { ip: '10.0.0.5' }, b: { ip: '10.0.1.5' } } } }, { internet: '203.0.113.9' });
    const m = model(inv, [knp('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.1.0/24'] } }] }] })]);
    expect([m.verdict('x/a', 'external:internet'), m.verdict('x/b', 'x/a'), m.verdict('x/a', 'x/b')]).to.deep.equal(['allow', 'allow', 'deny']);
  });

  it('§5 Calico default-tier policies below order 1000 run before Kubernetes policies', () => {
    const m = model(twoNamespaces(), [knp('y', 'allow', { podSelector: db, ingress: [{}] }),
      np('y', 'deny-x', { order: 10, selector: "app == 'db'", ingress: [{ action: 'Deny', source: { namespaceSelector: "team == 'a'" } }] })]);
    expect([m.verdict('x/a', 'y/b'), m.verdict('y/a', 'y/b')]).to.deep.equal(['deny', 'allow']);
  });
});

describe('CALICO-SEMANTICS.md §5: AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  it('§5 an ANP is a GNP in the adminnetworkpolicy tier with order = priority (lower first)', () => {
    const m = model(twoNamespaces(), [
      anpOn('deny', 20, [{ action: 'Deny', from: [allNamespaces] }]),
      anpOn('allow', 10, [{ action: 'Allow', from: [{ namespaces: { matchLabels: { team: 'a' } } }] }]),
    ]);
    expect(m.cell('x/a', 'y/b').decidedBy).to.deep.equal(
      { tier: 'adminnetworkpolicy', policy: 'kanp.adminnetworkpolicy.allow', kind: 'AdminNetworkPolicy', ruleIndex: 0, action: 'Allow' });
    expect(m.cell('y/a', 'y/b').decidedBy).to.include({ policy: 'kanp.adminnetworkpolicy.deny', action: 'Deny' });
  });

  it('§5 ANP Allow is final: Kubernetes policies cannot deny it', () => {
    const m = model(twoNamespaces(), [anpOn('allow', 1, [{ action: 'Allow', from: [allNamespaces] }]), knp('y', 'deny', { podSelector: {} })]);
    expect(m.verdict('x/a', 'y/b')).to.equal('allow');
  });

  it('§5 ANP Pass and no match both pass on to the next tiers', () => {
    const passing = [anpOn('pass', 1, [{ action: 'Pass', from: [allNamespaces] }]), knp('y', 'deny', { podSelector: {} })];
    expect(model(twoNamespaces(), passing).verdict('x/a', 'y/b')).to.equal('deny');
    const noMatch = [anpOn('udp', 1, [{ action: 'Deny', from: [allNamespaces], ports: [{ portNumber: { protocol: 'UDP', port: 80 } }] }])];
    expect(model(twoNamespaces(), noMatch).verdict('x/a', 'y/b')).to.equal('allow');
  });

  it('§5 ANP subject pods: namespaceSelector and podSelector', () => {
    const m = model(twoNamespaces(), [anpOn('p', 1, [{ action: 'Deny', from: [allNamespaces] }],
      { pods: { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: db } })]);
    expect([m.verdict('x/a', 'y/b'), m.verdict('x/a', 'x/b'), m.verdict('x/a', 'y/a')]).to.deep.equal(['deny', 'allow', 'allow']);
  });

  it('§5 ANP egress networks peers become nets', () => {
    const m = model(twoNamespaces(), [anp('p', { priority: 1, subject: allNamespaces, egress: [{ action: 'Deny', to: [{ networks: ['203.0.113.0/24'] }] }] })]);
    expect([m.verdict('x/a', 'external:internet'), m.verdict('x/a', 'y/a')]).to.deep.equal(['deny', 'allow']);
  });

  it('§5 an unsupported peer (nodes) turns a Deny or Pass rule into an unconditional Deny', () => {
    for (const action of ['Deny', 'Pass']) {
      const docs = [anp('p', { priority: 1, subject: allNamespaces, egress: [{ action, to: [{ nodes: {} }] }] })];
      const m = model(twoNamespaces(), docs, { allowProblems: true });
      expect(m.cell('x/a', 'external:internet').decidedBy, action).to.include({ action: 'Deny', ruleIndex: 0 });
      expect(m.problems.map((p) => p.kind)).to.deep.equal(['unsupported']);
    }
  });

  it('§5 an unsupported peer in an Allow rule drops the rule', () => {
    const docs = [anp('p', { priority: 1, subject: allNamespaces, egress: [{ action: 'Allow', to: [{ nodes: {} }] }, { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] })];
    const m = model(twoNamespaces(), docs, { allowProblems: true });
    expect(m.cell('x/a', 'external:internet').decidedBy).to.include({ action: 'Deny', ruleIndex: 0 });
  });

  it('§5 a namedPort is not translated, so that rule matches all ports: a deviation, not an error', () => {
    const docs = [anpOn('p', 1, [{ action: 'Deny', from: [allNamespaces], ports: [{ namedPort: 'http' }] }])];
    const m = model(twoNamespaces(), docs, { allowProblems: true });
    expect([m.verdict('x/a', 'y/b', '80/TCP'), m.verdict('x/a', 'y/b', '81/TCP')]).to.deep.equal(['deny', 'deny']);
    expect(m.problems.map((p) => [p.kind, p.path.join('.')])).to.deep.equal([['deviation', 'spec.ingress.0.ports.0.namedPort']]);
    expect(m.problems[0]?.message).to.match(/^AdminNetworkPolicy p ingress\[0\]\.ports\[0\]: namedPort "http" — Calico 3\.31 does not translate namedPort/);
  });

  it('§5 a namedPort beside numbered ports still opens the rule to every port and protocol (BANP egress too)', () => {
    const inv = inventory({ x: { pods: { a: {}, b: { ports: [{ port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }, { port: 9000, protocol: 'TCP' }] } } } });
    const egress = [{ action: 'Deny', to: [allNamespaces], ports: [{ portNumber: { port: 53, protocol: 'UDP' } }, { namedPort: 'dns' }] }];
    const m = model(inv, [banp({ subject: allNamespaces, egress })], { calicoVersion: '3.30', allowProblems: true });
    for (const port of ['53/UDP', '80/TCP', '9000/TCP']) {
      expect(m.cell('x/a', 'x/b', port).decidedBy, port).to.include({ policy: 'kbanp.baselineadminnetworkpolicy.default', ruleIndex: 0, action: 'Deny' });
    }
    expect(m.problems.map((p) => [p.kind, p.path.join('.'), p.message.split(' — ')[0]])).to.deep.equal([
      ['deviation', 'spec.egress.0.ports.1.namedPort', 'BaselineAdminNetworkPolicy default egress[0].ports[1]: namedPort "dns"'],
    ]);
    expect(m.problems[0]?.message).to.include('Calico 3.30 does not translate');
  });

  it('§5 BANP sits in baselineadminnetworkpolicy after the default tier', () => {
    const baseline = banp({ subject: allNamespaces, ingress: [{ action: 'Deny', from: [allNamespaces] }] });
    const m = model(twoNamespaces(), [baseline, knp('y', 'allow', { podSelector: db, ingress: [{}] })]);
    expect(m.verdict('x/a', 'y/b'), 'default tier decides first').to.equal('allow');
    expect(m.cell('x/a', 'y/a').decidedBy).to.deep.equal(
      { tier: 'baselineadminnetworkpolicy', policy: 'kbanp.baselineadminnetworkpolicy.default', kind: 'BaselineAdminNetworkPolicy', ruleIndex: 0, action: 'Deny' });
  });

  it('§5 when nothing in the BANP matches, traffic passes on to the profile, which allows it', () => {
    const m = model(twoNamespaces(), [banp({ subject: allNamespaces, ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { team: 'b' } } }] }] })]);
    expect([m.verdict('x/a', 'y/b'), m.verdict('y/a', 'x/b')]).to.deep.equal(['allow', 'deny']);
  });

  it('§5 a BaselineAdminNetworkPolicy must be named default', () => {
    expect(problemsOf([banp({ subject: allNamespaces }, 'other')]).map((p) => p.kind)).to.deep.equal(['invalid']);
  });

  it('§5 Calico 3.32 replaced ANP/BANP with ClusterNetworkPolicy: reported, not evaluated', () => {
    const m = model(twoNamespaces(), [anpOn('deny', 1, [{ action: 'Deny', from: [allNamespaces] }])], { calicoVersion: '3.32', allowProblems: true });
    expect(m.problems.map((p) => p.kind)).to.deep.equal(['unsupported']);
    expect(m.verdict('x/a', 'y/b')).to.equal('allow');
  });
});
