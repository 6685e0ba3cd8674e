// Offline, pods have no address: the model knows only that each lies in the pod CIDR. A CIDR that
// holds the whole pod CIDR matches every pod, one disjoint from it none, and one inside it makes the
// verdict unknown where it matters (SCENARIO-FORMAT.md, the `unknown` extension).
import { expect } from 'chai';
import { anp, banp, gnp, globalNetworkSet, knp } from '../testing/builders.ts';
import { inventory, model, problemsOf, TEST_POD_CIDR } from '../testing/model-fixture.ts';
import type { Inventory } from '../types.ts';

const inv = (): Inventory => inventory({
  x: { pods: { a: { labels: { app: 'web' } }, b: { labels: { app: 'db' } } } },
  y: { pods: { a: { labels: { app: 'web' } } } },
}, { internet: '203.0.113.9' });
const egressTo = (destination: Record<string, unknown>) =>
  gnp('p', { selector: "app == 'web'", egress: [{ action: 'Allow', destination }, { action: 'Deny' }] });
const ingressFrom = (source: Record<string, unknown>) =>
  gnp('p', { selector: "app == 'db'", ingress: [{ action: 'Allow', source }, { action: 'Deny' }] });

describe('addresses offline: the pod CIDR stands for every pod address', () => {
  it('a CIDR holding the whole pod CIDR matches every pod; one disjoint from it matches none', () => {
    expect(model(inv(), [egressTo({ nets: ['0.0.0.0/0'] })]).row('x/a')).to.deep.equal({ 'x/a': 'allow', 'x/b': 'allow', 'y/a': 'allow', 'external:internet': 'allow' });
    expect(model(inv(), [egressTo({ nets: ['10.0.0.0/8'] })]).row('x/a')).to.deep.equal({ 'x/a': 'allow', 'x/b': 'allow', 'y/a': 'allow', 'external:internet': 'deny' });
    expect(model(inv(), [egressTo({ nets: ['172.16.0.0/12'] })]).row('x/a')).to.deep.equal({ 'x/a': 'allow', 'x/b': 'deny', 'y/a': 'deny', 'external:internet': 'deny' });
  });

  it('a CIDR inside the pod CIDR makes the verdict unknown, and says on whose address and which CIDR', () => {
    const m = model(inv(), [egressTo({ nets: ['10.244.1.0/24'] })]);
    const c = m.cell('x/a', 'x/b');
    expect(c.verdict).to.equal('unknown');
    expect(c.decidedBy).to.equal(null);
    expect(c.unknownBecause).to.include('the destination x/b').and.include('10.244.1.0/24').and.include(TEST_POD_CIDR).and.not.include('source');
    expect(m.verdict('x/a', 'external:internet'), 'an external has its own address').to.equal('deny');
    expect(m.cell('x/a', 'x/a').verdict, 'a pod to itself never leaves it').to.equal('allow');
  });

  it('the source address decides ingress nets: unknown on the source side', () => {
    const c = model(inv(), [ingressFrom({ nets: ['10.244.0.0/17'] })]).cell('x/a', 'x/b');
    expect(c.verdict).to.equal('unknown');
    expect(c.unknownBecause).to.include('the source x/a').and.include('10.244.0.0/17');
  });

  it('a cutting CIDR that cannot change the verdict leaves it known, with what decided it', () => {
    const m = model(inv(), [gnp('p', { selector: "app == 'web'", egress: [{ action: 'Allow', destination: { nets: ['10.244.1.0/24'] } }, { action: 'Allow' }] })]);
    expect(m.verdict('x/a', 'x/b')).to.equal('allow');
    expect(m.cell('x/a', 'x/b').unknownBecause).to.equal(undefined);
  });

  it('Kubernetes ipBlock with except: an except holding the pod CIDR takes every pod out, a partial one is unknown', () => {
    const policy = (except: string[]) => knp('x', 'p', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }] }] });
    expect(model(inv(), [policy(['10.244.0.0/16'])]).row('x/a')).to.deep.equal({ 'x/a': 'allow', 'x/b': 'deny', 'y/a': 'deny', 'external:internet': 'allow' });
    expect(model(inv(), [policy(['10.244.128.0/17'])]).verdict('x/a', 'y/a')).to.equal('unknown');
  });

  it('notNets inside the pod CIDR is unknown too', () => {
    expect(model(inv(), [egressTo({ notNets: ['10.244.7.0/24'] })]).verdict('x/a', 'x/b')).to.equal('unknown');
    expect(model(inv(), [egressTo({ notNets: ['192.168.0.0/16'] })]).verdict('x/a', 'x/b')).to.equal('allow');
  });

  it('a network set holding part of the pod CIDR makes selector matches on unlabelled pods unknown; labels still match', () => {
    const set = globalNetworkSet('half', { zone: 'half' }, ['10.244.0.0/17']);
    const m = model(inv(), [set, egressTo({ selector: "zone == 'half' || app == 'db'" })]);
    expect(m.verdict('x/a', 'x/b'), 'x/b matches by its label').to.equal('allow');
    expect(m.verdict('x/a', 'y/a'), 'y/a only by an address in the set').to.equal('unknown');
    expect(m.cell('x/a', 'y/a').unknownBecause).to.include('10.244.0.0/17');
  });

  it('live, pods have addresses: no cell is unknown', () => {
    const live = inventory({ x: { pods: { a: { labels: { app: 'web' }, ip: '10.244.1.5' }, b: { labels: { app: 'db' }, ip: '10.244.2.6' } } } });
    const m = model(live, [egressTo({ nets: ['10.244.1.0/24'] })]);
    expect(m.verdict('x/a', 'x/b')).to.equal('deny');
    const m2 = model(live, [egressTo({ nets: ['10.244.2.0/24'] })]);
    expect(m2.verdict('x/a', 'x/b')).to.equal('allow');
    expect([...m.cells, ...m2.cells].filter((c) => c.verdict === 'unknown')).to.deep.equal([]);
  });

  it('without a pod CIDR, pods may have any IPv4 address: only 0.0.0.0/0 is sure to match, and the reason says so', () => {
    const bare = { ...inv(), podCidrs: [] };
    expect(model(bare, [egressTo({ nets: ['0.0.0.0/0'] })]).verdict('x/a', 'x/b')).to.equal('allow');
    const c = model(bare, [egressTo({ nets: ['10.0.0.0/8'] })]).cell('x/a', 'x/b');
    expect(c.verdict).to.equal('unknown');
    expect(c.unknownBecause).to.include('none was given');
  });

  it('staged: each verdict is unknown on its own, and the reason says which', () => {
    const staged = { apiVersion: 'projectcalico.org/v3', kind: 'StagedGlobalNetworkPolicy', metadata: { name: 'p' }, spec: { selector: "app == 'web'", egress: [{ action: 'Allow', destination: { nets: ['10.244.1.0/24'] } }, { action: 'Deny' }] } };
    const c = model(inv(), [staged]).cell('x/a', 'x/b');
    expect([c.verdict, c.stagedVerdict, c.promotedVerdict]).to.deep.equal(['allow', 'unknown', 'unknown']);
    expect(c.unknownBecause).to.match(/^the pending \(staged\) verdict depends on the address of the destination x\/b/);
  });
});

describe('mixed IPv4/IPv6 networks in (Baseline)AdminNetworkPolicy', () => {
  it('loads networks [0.0.0.0/0, ::/0] as Calico converts it (one rule, split by family in Felix), and it matches every pod', () => {
    const deny = anp('deny-everything', { priority: 10, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }] });
    expect(problemsOf([deny])).to.deep.equal([]);
    expect(model(inv(), [deny]).row('x/a')).to.deep.equal({ 'x/a': 'allow', 'x/b': 'deny', 'y/a': 'deny', 'external:internet': 'deny' });
    const baseline = banp({ subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['::/0', '10.244.0.0/16'] }] }] });
    expect(problemsOf([baseline])).to.deep.equal([]);
    expect(model(inv(), [baseline]).row('x/a')).to.deep.equal({ 'x/a': 'allow', 'x/b': 'deny', 'y/a': 'deny', 'external:internet': 'allow' });
  });

  it('still refuses a user-written Calico rule that mixes families, as calicoctl does', () => {
    const messages = problemsOf([gnp('p', { egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0', '::/0'] } }] })]).map((p) => p.message);
    expect(messages.join('\n')).to.include('rule contains both IPv4 and IPv6 CIDRs');
  });
});
