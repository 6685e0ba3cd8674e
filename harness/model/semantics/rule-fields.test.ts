import { expect } from 'chai';
import { gnp, np } from '../testing/builders.ts';
import { inventory, model, problemsOf, twoNamespaces } from '../testing/model-fixture.ts';
import type { PortSpec } from '../types.ts';

const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }, { port: 8080, protocol: 'TCP', name: 'http' },
  { port: 9090, protocol: 'UDP', name: 'http' },
];
const inv = () => inventory({ x: { pods: { a: { labels: { app: 'web' } }, b: { labels: { app: 'db' }, ports: PORTS } } } }, { internet: '203.0.113.9' });
/** The ports of x/b that x/a may reach when db pods get these ingress rules. */
function open(ingress: unknown[]): string[] {
  const m = model(inv(), [gnp('p', { selector: "app == 'db'", ingress })]);
  return m.cells.filter((c) => c.from === 'x/a' && c.to === 'x/b' && c.verdict === 'allow').map((c) => `${c.port}/${c.protocol}`);
}

describe('CALICO-SEMANTICS.md §4: rule fields', () => {
  it('§4 every field a rule sets must match (AND)', () => {
    expect(open([{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'web'" }, destination: { ports: [80] } }])).to.deep.equal(['80/TCP']);
    expect(open([{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'db'" }, destination: { ports: [80] } }])).to.deep.equal([]);
  });

  it('§4 within a list any entry matches (OR)', () => {
    expect(open([{ action: 'Allow', protocol: 'TCP', destination: { ports: [80, 8080] } }])).to.deep.equal(['80/TCP', '8080/TCP']);
    expect(open([{ action: 'Allow', source: { nets: ['192.0.2.0/24', '203.0.113.0/24'] } }])).to.deep.equal([]);
  });

  it('§4 protocol and notProtocol take names and numbers', () => {
    expect(open([{ action: 'Allow', protocol: 17 }])).to.deep.equal(['80/UDP', '9090/UDP']);
    expect(open([{ action: 'Allow', protocol: 'UDP' }])).to.deep.equal(['80/UDP', '9090/UDP']);
    expect(open([{ action: 'Allow', notProtocol: 'TCP' }])).to.deep.equal(['80/UDP', '9090/UDP']);
    expect(open([{ action: 'Allow', protocol: 'ICMP' }])).to.deep.equal([]);
  });

  it('§4 ports: numbers and inclusive "a:b" ranges; notPorts excludes', () => {
    expect(open([{ action: 'Allow', protocol: 'TCP', destination: { ports: ['80:81'] } }])).to.deep.equal(['80/TCP', '81/TCP']);
    expect(open([{ action: 'Allow', protocol: 'TCP', destination: { notPorts: ['81:8080'] } }])).to.deep.equal(['80/TCP']);
  });

  it("§4 a named port matches the destination's container port of that name, with the rule's protocol", () => {
    expect(open([{ action: 'Allow', protocol: 'TCP', destination: { ports: ['http'] } }])).to.deep.equal(['8080/TCP']);
    expect(open([{ action: 'Allow', protocol: 'UDP', destination: { ports: ['http'] } }])).to.deep.equal(['9090/UDP']);
  });

  it('§4 ports need protocol TCP, UDP or SCTP', () => {
    const messages = problemsOf([gnp('p', { ingress: [{ action: 'Allow', destination: { ports: [80] } }, { action: 'Allow', protocol: 'ICMP', source: { notPorts: [1] } }] })])
      .map((p) => `${p.kind} ${p.path.join('.')}: ${p.message}`);
    expect(messages).to.deep.equal([
      "invalid spec.ingress.0.destination.ports: error with field Destination.Ports = '[80]' (rules that specify ports must set protocol to TCP or UDP or SCTP)",
      "invalid spec.ingress.1.source.notPorts: error with field Source.NotPorts = '[1]' (rules that specify ports must set protocol to TCP or UDP or SCTP)",
      'unsupported spec.ingress.1.source.notPorts: source.notPorts depends on the client\'s ephemeral port; the model cannot evaluate it, so it treats the rule as never matching',
    ]);
  });

  it('§4 nets and notNets match the peer IP: externals by theirs, pods by the pod CIDR offline and by their own IP live', () => {
    const egress = (destination: Record<string, unknown>) => model(inv(), [gnp('p', { selector: "app == 'web'", egress: [{ action: 'Allow', destination }] })]);
    expect(egress({ nets: ['203.0.113.0/24'] }).verdict('x/a', 'external:internet')).to.equal('allow');
    expect(egress({ nets: ['198.51.100.0/24'] }).verdict('x/a', 'external:internet')).to.equal('deny');
    expect(egress({ notNets: ['203.0.113.9/32'] }).verdict('x/a', 'external:internet')).to.equal('deny');
    expect(egress({ nets: ['0.0.0.0/0'] }).verdict('x/a', 'x/b'), 'offline: 0.0.0.0/0 holds the whole pod CIDR').to.equal('allow');
    expect(egress({ nets: ['198.51.100.0/24'] }).verdict('x/a', 'x/b'), 'offline: disjoint from the pod CIDR').to.equal('deny');
    const live = inventory({ x: { pods: { a: { labels: { app: 'web' }, ip: '10.1.0.5' }, b: { ip: '10.1.0.6' } } } });
    const m = model(live, [gnp('p', { selector: "app == 'web'", egress: [{ action: 'Allow', destination: { nets: ['10.1.0.6/32'] } }] })]);
    expect(m.verdict('x/a', 'x/b'), 'pod IP known').to.equal('allow');
  });

  it('§4 serviceAccounts match by names and by selector on the service account', () => {
    const sa = inventory({ x: { pods: { a: { serviceAccount: 'api' }, b: {}, c: { labels: { app: 'db' } } } } });
    const from = (serviceAccounts: Record<string, unknown>) => model(sa, [gnp('p', { selector: "app == 'db'", ingress: [{ action: 'Allow', source: { serviceAccounts } }] })]);
    expect([from({ names: ['api'] }).verdict('x/a', 'x/c'), from({ names: ['api'] }).verdict('x/b', 'x/c')]).to.deep.equal(['allow', 'deny']);
    expect(from({ selector: "projectcalico.org/name == 'default'" }).verdict('x/b', 'x/c')).to.equal('allow');
    expect(from({ selector: "projectcalico.org/name == 'default'" }).verdict('x/a', 'x/c')).to.equal('deny');
  });

  it('§4 http needs the application layer: reported as unsupported, and the rule never matches', () => {
    const docs = [gnp('p', { selector: "app == 'db'", ingress: [{ action: 'Allow', http: { methods: ['GET'] } }] })];
    expect(problemsOf(docs).map((p) => [p.kind, p.path.join('.')])).to.deep.equal([['unsupported', 'spec.ingress.0.http']]);
    expect(model(inv(), docs, { allowProblems: true }).verdict('x/a', 'x/b')).to.equal('deny');
  });

  it('§4 services without a namespace in a namespaced policy: a deviation (Felix looks up "/NAME"), and the rule never matches', () => {
    // More of services in semantics/services.test.ts.
    const docs = [np('x', 'p', { selector: "app == 'web'", egress: [{ action: 'Allow', destination: { services: { name: 'db' } } }] })];
    expect(problemsOf(docs).map((p) => [p.kind, p.path.join('.')])).to.deep.equal([['deviation', 'spec.egress.0.destination.services']]);
    expect(model(twoNamespaces(), docs, { allowProblems: true }).verdict('x/a', 'x/b')).to.equal('deny');
  });
});
