import { expect } from 'chai';
import { globalNetworkSet, gnp, np, networkSet } from '../testing/builders.ts';
import { inventory, model, twoNamespaces } from '../testing/model-fixture.ts';

const onDb = (spec: Record<string, unknown>) => ({ selector: "app == 'db'", ...spec });
const allowFrom = (source: Record<string, unknown>) => ({ ingress: [{ action: 'Allow', source }] });
/** Sources allowed into y/b on 80/TCP, given a GNP selecting db pods. */
function allowedInto(target: string, docs: unknown[], inv = twoNamespaces()): string[] {
  const m = model(inv, docs);
  return m.cells.filter((c) => c.to === target && c.port === 80 && c.protocol === 'TCP' && c.verdict === 'allow' && c.from !== target)
    .map((c) => c.from).sort();
}

describe('CALICO-SEMANTICS.md §3: labels and selectors', () => {
  it('§3 a pod carries projectcalico.org/namespace, /orchestrator and /serviceaccount labels', () => {
    const inv = inventory({ x: { pods: { a: {}, b: { serviceAccount: 'api' } } } });
    const deny = (selector: string) => model(inv, [gnp('p', { selector, ingress: [{ action: 'Deny' }] })]);
    expect(deny("projectcalico.org/serviceaccount == 'api'").verdict('x/a', 'x/b')).to.equal('deny');
    expect(deny("projectcalico.org/serviceaccount == 'api'").verdict('x/b', 'x/a')).to.equal('allow');
    expect(deny("projectcalico.org/namespace == 'x'").verdict('x/b', 'x/a')).to.equal('deny');
    expect(deny("projectcalico.org/orchestrator == 'k8s'").verdict('x/b', 'x/a')).to.equal('deny');
  });

  it('§3 namespaceSelector sees namespace labels plus projectcalico.org/name and kubernetes.io/metadata.name', () => {
    for (const namespaceSelector of ["team == 'a'", "projectcalico.org/name == 'x'", "kubernetes.io/metadata.name == 'x'"]) {
      expect(allowedInto('y/b', [gnp('p', onDb(allowFrom({ namespaceSelector })))]), namespaceSelector).to.deep.equal(['x/a', 'x/b']);
    }
  });

  it('§3 a NetworkPolicy selects (selector) && projectcalico.org/namespace == <its namespace>', () => {
    const m = model(twoNamespaces(), [np('y', 'p', { selector: 'all()', ingress: [{ action: 'Deny' }] })]);
    expect(m.verdict('x/a', 'y/a')).to.equal('deny');
    expect(m.verdict('y/a', 'x/b')).to.equal('allow');
  });

  it('§3 a GlobalNetworkPolicy selects selector AND namespaceSelector AND serviceAccountSelector', () => {
    const inv = inventory({
      x: { labels: { team: 'a' }, pods: { a: { labels: { app: 'db' } }, b: { labels: { app: 'db' }, serviceAccount: 'api' } } },
      y: { labels: { team: 'b' }, pods: { a: { labels: { app: 'db' }, serviceAccount: 'api' } } },
    });
    const m = model(inv, [gnp('p', {
      selector: "app == 'db'", namespaceSelector: "team == 'a'", serviceAccountSelector: "projectcalico.org/name == 'api'",
      ingress: [{ action: 'Deny' }],
    })]);
    expect(m.verdict('y/a', 'x/b')).to.equal('deny');
    expect(m.verdict('y/a', 'x/a'), 'wrong service account').to.equal('allow');
    expect(m.verdict('x/a', 'y/a'), 'wrong namespace').to.equal('allow');
  });

  it('§3 rule peers: namespaceSelector is ANDed with selector', () => {
    expect(allowedInto('y/b', [gnp('p', onDb(allowFrom({ namespaceSelector: "team == 'a'", selector: "app == 'web'" })))]))
      .to.deep.equal(['x/a']);
  });

  it('§3 rule peers: a namespaced policy without namespaceSelector means its own namespace, when a selector is present', () => {
    expect(allowedInto('y/b', [np('y', 'p', onDb(allowFrom({ selector: "app == 'web'" })))])).to.deep.equal(['y/a']);
    expect(allowedInto('y/b', [np('y', 'p', onDb(allowFrom({ selector: 'all()' })))])).to.deep.equal(['y/a']);
    // No selector field at all: any source.
    expect(allowedInto('y/b', [np('y', 'p', onDb({ ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }] }))]))
      .to.deep.equal(['x/a', 'x/b', 'y/a']);
  });

  it('§3 rule peers: a GlobalNetworkPolicy without namespaceSelector matches every namespace', () => {
    expect(allowedInto('y/b', [gnp('p', onDb(allowFrom({ selector: "app == 'web'" })))])).to.deep.equal(['x/a', 'y/a']);
  });

  it('§3 rule peers: notSelector is not scoped to a namespace', () => {
    expect(allowedInto('y/a', [gnp('p', { selector: "app == 'web'", ...allowFrom({ notSelector: "app == 'db'" }) })]))
      .to.deep.equal(['x/a']);
    // In a namespaced policy, notSelector alone still scopes the positive match to the namespace (rules.go).
    expect(allowedInto('y/a', [np('y', 'p', { selector: "app == 'web'", ...allowFrom({ notSelector: "projectcalico.org/namespace == 'x'" }) })]))
      .to.deep.equal(['y/b']);
  });

  it('§3 an external IP matches a selector only through a GlobalNetworkSet', () => {
    const policy = gnp('p', { selector: "app == 'web'", egress: [{ action: 'Deny', destination: { selector: "zone == 'internet'" } }, { action: 'Allow' }] });
    expect(model(twoNamespaces(), [policy]).verdict('x/a', 'external:internet')).to.equal('allow');
    const withSet = model(twoNamespaces(), [policy, globalNetworkSet('inet', { zone: 'internet' }, ['203.0.113.0/24'])]);
    expect(withSet.verdict('x/a', 'external:internet')).to.equal('deny');
    expect(withSet.verdict('x/a', 'y/b'), 'pods do not carry the set labels').to.equal('allow');
  });

  it('§3 a namespaced NetworkSet is matched by selectors of its own namespace', () => {
    const set = networkSet('x', 'inet', { zone: 'internet' }, ['203.0.113.9/32']);
    const deny = (ns: string) => np(ns, 'p', { selector: 'all()', egress: [{ action: 'Deny', destination: { selector: "zone == 'internet'" } }, { action: 'Allow' }] });
    expect(model(twoNamespaces(), [set, deny('x')]).verdict('x/a', 'external:internet')).to.equal('deny');
    expect(model(twoNamespaces(), [set, deny('y')]).verdict('y/a', 'external:internet')).to.equal('allow');
  });

  it('§3 namespaceSelector all() means any namespace (no global network sets), global() only non-namespaced sets', () => {
    const set = globalNetworkSet('inet', { zone: 'internet' }, ['203.0.113.0/24']);
    const deny = (namespaceSelector: string) => gnp('p', { selector: "app == 'web'", egress: [{ action: 'Deny', destination: { namespaceSelector } }, { action: 'Allow' }] });
    const all = model(twoNamespaces(), [set, deny('all()')]);
    expect([all.verdict('x/a', 'y/b'), all.verdict('x/a', 'external:internet')]).to.deep.equal(['deny', 'allow']);
    const global = model(twoNamespaces(), [set, deny('global()')]);
    expect([global.verdict('x/a', 'y/b'), global.verdict('x/a', 'external:internet')]).to.deep.equal(['allow', 'deny']);
  });

  it('§3 a pod whose IP falls in a matching network set matches the selector too (live runs)', () => {
    const inv = inventory({ x: { pods: { a: { ip: '10.0.0.1' }, b: { ip: '10.9.0.1' } } } });
    const m = model(inv, [globalNetworkSet('lab', { zone: 'lab' }, ['10.0.0.0/16']),
      gnp('p', { selector: 'all()', ingress: [{ action: 'Deny', source: { selector: "zone == 'lab'" } }, { action: 'Allow' }] })]);
    expect(m.verdict('x/a', 'x/b')).to.equal('deny');
    expect(m.verdict('x/b', 'x/a')).to.equal('allow');
  });
});
