// ClusterIP Services: a cell per backend after DNAT, the hairpin, Calico's services rule field
// (libcalico-go validator/v3, updateprocessors/rules.go; felix calc/rule_scanner.go and
// serviceindex/serviceindex.go at v3.31.0) and the DNS path to kube-dns.
import { expect } from 'chai';
import { inventoryAt } from '../../scenario/relabel.ts';
import { noBackendReason, type Cell, type Inventory, type ServiceSpec } from '../index.ts';
import { gnp, knp, np } from '../testing/builders.ts';
import { inventory, model, problemsOf } from '../testing/model-fixture.ts';

const WEB_PORTS = [{ port: 80, protocol: 'TCP' as const }, { port: 81, protocol: 'TCP' as const }, { port: 8080, protocol: 'TCP' as const, name: 'http' }, { port: 53, protocol: 'UDP' as const, name: 'dns' }];

/** x/a, x/b (clients); y/a and y/b (app web; only y/a names 8080 http), y/c (db). */
function inv(services: ServiceSpec[] = [web()]): Inventory {
  return {
    ...inventory({
      x: { pods: { a: { labels: { app: 'client' } }, b: { labels: { app: 'other' } } } },
      y: { pods: { a: { labels: { app: 'web' }, ports: WEB_PORTS }, b: { labels: { app: 'web' } }, c: { labels: { app: 'db' } } } },
    }),
    services,
  };
}

function web(): ServiceSpec {
  return {
    namespace: 'y', name: 'web', selector: { app: 'web' },
    ports: [{ port: 8000, protocol: 'TCP', targetPort: 'http', name: 'http' }, { port: 81, protocol: 'TCP', targetPort: 81, name: 'plain' }],
  };
}

const serviceCells = (cells: readonly Cell[]) => cells.filter((c) => c.backend !== undefined);
const row = (cells: readonly Cell[], from: string) =>
  serviceCells(cells).filter((c) => c.from === from).map((c) => `${c.to}(${c.backend}) ${c.port}->${c.targetPort}/${c.protocol}: ${c.verdict}`);

describe('Services: a cell per backend, after DNAT', () => {
  it('has, after the pod cells, one cell per source pod, Service port and backend; a named targetPort resolves per pod', () => {
    const m = model(inv(), []);
    const first = m.cells.findIndex((c) => c.backend !== undefined);
    expect(m.cells.slice(first).every((c) => c.backend !== undefined), 'service cells come last').to.equal(true);
    // y/b names no port http: it is no endpoint of port 8000, only of 81.
    expect(row(m.cells, 'x/a')).to.deep.equal([
      'svc:y/web(y/a) 8000->8080/TCP: allow', 'svc:y/web(y/a) 81->81/TCP: allow', 'svc:y/web(y/b) 81->81/TCP: allow',
    ]);
    expect(serviceCells(m.cells)).to.have.length(5 * 3);
  });

  it('is judged at the backend and its target port, as Calico sees the packet after DNAT', () => {
    const docs = [knp('y', 'web-8080-only', {
      podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }],
    })];
    const m = model(inv(), docs);
    expect(row(m.cells, 'x/a')).to.deep.equal([
      'svc:y/web(y/a) 8000->8080/TCP: allow', 'svc:y/web(y/a) 81->81/TCP: deny', 'svc:y/web(y/b) 81->81/TCP: deny',
    ]);
    expect(serviceCells(m.cells).find((c) => c.targetPort === 81)?.decidedBy).to.deep.include({ policy: 'knp.default.web-8080-only', ruleIndex: -1 });
  });

  it('polices a backend that reaches itself through its Service both ways (kube-proxy hairpin), unlike a pod to itself', () => {
    const docs = [gnp('web-not-from-web', { selector: "app == 'web'", ingress: [{ action: 'Deny', source: { selector: "app == 'web'" } }, { action: 'Allow' }] })];
    const m = model(inv(), docs);
    expect(m.verdict('y/b', 'y/b', '81/TCP')).to.equal('allow');
    expect(row(m.cells, 'y/b')).to.deep.equal([
      'svc:y/web(y/a) 8000->8080/TCP: deny', 'svc:y/web(y/a) 81->81/TCP: deny', 'svc:y/web(y/b) 81->81/TCP: deny',
    ]);
  });

  it('takes each step\'s labels: a relabelled pod leaves the backends; a Service without one has no cells and says why', () => {
    const base = inv();
    const later = inventoryAt(base, {
      pods: new Map([['y/a', { app: 'old' }], ['y/b', { app: 'old' }]]), namespaces: new Map([['x', {}], ['y', {}]]),
    });
    expect(serviceCells(model(later, []).cells)).to.deep.equal([]);
    expect(noBackendReason(later, web())).to.equal('svc:y/web has no backend at this step: no pod of y matches app=web');
    expect(noBackendReason(base, web())).to.equal(undefined);
    const one = inventoryAt(base, { pods: new Map([['y/b', { app: 'old' }]]), namespaces: new Map() });
    expect(row(model(one, []).cells, 'x/a')).to.deep.equal(['svc:y/web(y/a) 8000->8080/TCP: allow', 'svc:y/web(y/a) 81->81/TCP: allow']);
  });
});

describe('Calico\'s services rule field', () => {
  it('destination: the endpoints\' IP, port and protocol (also reached directly), never another pod or port', () => {
    const docs = [np('x', 'only-web', { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { services: { name: 'web', namespace: 'y' } } }] })];
    const m = model(inv(), docs);
    expect(row(m.cells, 'x/a').map((r) => r.split(': ')[1])).to.deep.equal(['allow', 'allow', 'allow']);
    // y/a's endpoint ports are 8080 (http) and 81; y/b's only 81; y/c is no endpoint.
    expect(['80/TCP', '81/TCP', '8080/TCP', '53/UDP'].map((p) => m.verdict('x/a', 'y/a', p))).to.deep.equal(['deny', 'allow', 'allow', 'deny']);
    expect(['80/TCP', '81/TCP'].map((p) => m.verdict('x/a', 'y/b', p))).to.deep.equal(['deny', 'allow']);
    expect(m.verdict('x/a', 'y/c', '81/TCP')).to.equal('deny');
  });

  it('destination: the protocol is the Service port\'s (a UDP port is no TCP endpoint)', () => {
    const dns: ServiceSpec = { namespace: 'y', name: 'dns', selector: { app: 'web' }, ports: [{ port: 53, protocol: 'UDP', targetPort: 'dns' }] };
    const docs = [np('x', 'only-dns', { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { services: { name: 'dns', namespace: 'y' } } }] })];
    const m = model({ ...inv([dns]), pods: inv().pods.map((p) => (p.name === 'a' && p.namespace === 'y' ? { ...p, ports: [...p.ports, { port: 53, protocol: 'TCP' as const }] } : p)) }, docs);
    expect([m.verdict('x/a', 'y/a', '53/UDP'), m.verdict('x/a', 'y/a', '53/TCP')]).to.deep.equal(['allow', 'deny']);
  });

  it('source: any endpoint of the Service, on any port (the IP-only set)', () => {
    const docs = [np('y', 'db-from-web', { selector: "app == 'db'", ingress: [{ action: 'Allow', source: { services: { name: 'web', namespace: 'y' } } }] })];
    const m = model(inv(), docs);
    expect(['y/a', 'y/b', 'x/a'].map((from) => m.verdict(from, 'y/c', '80/TCP'))).to.deep.equal(['allow', 'allow', 'deny']);
  });

  it('a namespaced policy names the Service\'s namespace, or matches nothing: Felix looks up "/NAME" (a deviation from the API docs)', () => {
    const docs = [np('y', 'db-from-web', { selector: "app == 'db'", ingress: [{ action: 'Allow', source: { services: { name: 'web' } } }] })];
    expect(problemsOf(docs).map((p) => [p.kind, p.path.join('.')])).to.deep.equal([['deviation', 'spec.ingress.0.source.services']]);
    const m = model(inv(), docs, { allowProblems: true });
    expect(m.verdict('y/a', 'y/c', '80/TCP')).to.equal('deny');
    expect(problemsOf(docs)[0]?.message).to.include('Felix looks up the Service "/web"');
  });

  it('is validated in Calico\'s words (validator/v3)', () => {
    const rule = (side: 'source' | 'destination', entity: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ action: 'Allow', ...extra, [side]: entity });
    const svc = { name: 'web', namespace: 'y' };
    const cases: [unknown, string][] = [
      [np('x', 'p', { egress: [rule('destination', { services: svc, selector: 'all()' })] }), 'cannot specify Selector/NotSelector and Services on the same rule'],
      [np('x', 'p', { egress: [rule('destination', { services: svc, namespaceSelector: 'all()' })] }), 'cannot specify NamespaceSelector and Services on the same rule'],
      [np('x', 'p', { egress: [rule('destination', { services: svc, nets: ['10.0.0.0/8'] })] }), 'cannot specify Nets/NotNets and Services on the same rule'],
      [np('x', 'p', { egress: [rule('destination', { services: svc, serviceAccounts: { names: ['a'] } })] }), 'cannot specify ServiceAccounts and Services on the same rule'],
      [np('x', 'p', { egress: [rule('destination', { services: { name: '', namespace: 'y' } })] }), 'must specify a service name'],
      [np('x', 'p', { egress: [rule('destination', { services: svc, ports: [80] }, { protocol: 'TCP' })] }), "Destination.Ports = '[80]' (cannot specify ports with a service selector)"],
      [np('x', 'p', { egress: [rule('source', { services: svc })] }), 'not allowed in egress rule source'],
      [np('x', 'p', { ingress: [rule('destination', { services: svc })] }), 'not allowed in ingress rule destination'],
      [gnp('p', { egress: [rule('destination', { services: { name: 'web' } })] }), "error with field Namespace = '' (must specify a namespace)"],
      [gnp('p', { ingress: [rule('source', { services: { name: 'web' } })] }), "error with field Namespace = '' (must specify a namespace)"],
    ];
    for (const [doc, message] of cases) {
      const problems = problemsOf([doc]);
      expect(problems.map((p) => p.message).join('\n'), message).to.include(message);
      expect(problems.every((p) => p.kind === 'invalid'), message).to.equal(true);
    }
  });
});

describe('Services: the DNS path', () => {
  const dnsOf = (cells: readonly Cell[], from: string) => serviceCells(cells).find((c) => c.from === from)?.dns;

  it('is allowed where the scenario\'s policies do not police the source\'s egress', () => {
    expect(dnsOf(model(inv(), []).cells, 'x/a')).to.deep.equal({ verdict: 'allow', decidedBy: null });
  });

  it('is denied by an egress policy that forgets kube-dns, and named: a lookup fails, the Service cell itself is not denied', () => {
    const docs = [np('x', 'only-web', { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { services: { name: 'web', namespace: 'y' } } }] })];
    const m = model(inv(), docs);
    expect(dnsOf(m.cells, 'x/a')).to.deep.include({ verdict: 'deny' });
    expect(dnsOf(m.cells, 'x/a')?.decidedBy).to.deep.include({ policy: 'only-web', namespace: 'x', ruleIndex: -1, action: 'Deny' });
    expect(row(m.cells, 'x/a').every((r) => r.endsWith('allow'))).to.equal(true);
    expect(dnsOf(m.cells, 'y/a')).to.deep.equal({ verdict: 'allow', decidedBy: null });
  });

  it('is allowed again through the kube-dns Service (services: kube-system/kube-dns) or a selector on the CoreDNS pods', () => {
    const deny = np('x', 'only-web', { selector: 'all()', types: ['Egress'], egress: [] });
    const viaService = gnp('dns', { order: 1, selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { services: { name: 'kube-dns', namespace: 'kube-system' } } }] });
    const viaSelector = gnp('dns', {
      order: 1, selector: 'all()', types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", selector: "k8s-app == 'kube-dns'", ports: [53] } }],
    });
    for (const allow of [viaService, viaSelector]) {
      expect(dnsOf(model(inv(), [deny, allow]).cells, 'x/a')).to.deep.include({ verdict: 'allow' });
    }
  });

  it('is denied at kube-dns too where one of the scenario\'s cluster-wide policies selects the CoreDNS pods', () => {
    const docs = [gnp('everyone-ingress-from-x-only', { selector: 'all()', ingress: [{ action: 'Allow', source: { namespaceSelector: "kubernetes.io/metadata.name == 'x'" } }] })];
    const m = model(inv(), docs);
    expect(dnsOf(m.cells, 'y/a')).to.deep.include({ verdict: 'deny' });
    expect(dnsOf(m.cells, 'x/a')).to.deep.include({ verdict: 'allow' });
  });
});
