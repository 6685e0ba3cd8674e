import { expect } from 'chai';
import { anp, gnp, knp, np, stagedGnp, stagedKnp, tier } from '../testing/builders.ts';
import { model, policyDocs, problemsOf, twoNamespaces } from '../testing/model-fixture.ts';
import { compilePolicies } from '../index.ts';

/** "kind path: message" for each problem. */
const report = (docs: unknown[] | string, opts = {}) => problemsOf(docs, opts).map((p) => `${p.kind} ${p.path.join('.')}: ${p.message}`);
const rule = (r: Record<string, unknown>) => gnp('p', { ingress: [r] });

describe('invalid documents get the error Calico (or Kubernetes) would give', () => {
  const cases: [title: string, doc: unknown, expected: string][] = [
    ['bad action', rule({ action: 'Accept' }),
      "invalid spec.ingress.0.action: error with field Action = 'Accept' (failed to validate Field: Action because of Tag: action)"],
    ['bad protocol name', rule({ action: 'Allow', protocol: 'tcp' }),
      "invalid spec.ingress.0.protocol: error with field Protocol = 'tcp' (protocol name invalid)"],
    ['bad protocol number', rule({ action: 'Allow', notProtocol: 300 }),
      "invalid spec.ingress.0.notProtocol: error with field NotProtocol = '300' (protocol number invalid)"],
    ['bad CIDR', rule({ action: 'Allow', source: { nets: ['10.0.0.0/33'] } }),
      "invalid spec.ingress.0.source.nets.0: error with field Source.Nets = '10.0.0.0/33' (invalid CIDR)"],
    ['mixed IP versions', rule({ action: 'Allow', source: { nets: ['10.0.0.0/8'] }, destination: { nets: ['fd00::/8'] } }),
      "invalid spec.ingress.0.destination.nets: error with field Destination.Nets = '[\"fd00::/8\"]' (rule contains both IPv4 and IPv6 CIDRs)"],
    ['bad selector, with position', gnp('p', { selector: "app == 'web" }),
      'invalid spec.selector: invalid selector "app == \'web": unterminated string (at character 8)'],
    ['global() outside a namespaceSelector', rule({ action: 'Allow', source: { selector: 'global()' } }),
      "invalid spec.ingress.0.source.selector: error with field Selector field = 'global()' (global() can only be used in an EntityRule namespaceSelector)"],
    ['global() combined with other selectors', rule({ action: 'Allow', source: { namespaceSelector: "global() || a == 'b'" } }),
      "invalid spec.ingress.0.source.namespaceSelector: error with field NamespaceSelector field = 'global() || a == 'b'' (global() cannot be combined with other selectors)"],
    ['bad port', rule({ action: 'Allow', protocol: 'TCP', destination: { ports: ['90:80'] } }),
      "invalid spec.ingress.0.destination.ports.0: error with field Port = '90:80' (minimum port number (90) is greater than maximum port number (80) in port range)"],
    ['ICMP fields without ICMP', rule({ action: 'Allow', protocol: 'TCP', icmp: { type: 8 } }),
      "invalid spec.ingress.0.icmp: error with field ICMP = '{\"type\":8}' (rules that specify ICMP fields must set protocol to ICMP)"],
    ['http on a Deny rule', rule({ action: 'Deny', http: { methods: ['GET'] } }),
      "invalid spec.ingress.0.http: error with field HTTP = '{\"methods\":[\"GET\"]}' (only valid for Allow rules)"],
    ['policy name without the tier prefix', gnp('guard', { tier: 'security' }),
      'invalid metadata.name: Incorrectly formatted policy name guard'],
    ['policy name with another tier prefix', np('x', 'other.guard', { tier: 'default' }),
      'invalid metadata.name: Incorrectly formatted policy name other.guard'],
    ['unknown tier', gnp('nope.guard', { tier: 'nope' }), 'invalid spec.tier: resource does not exist: Tier(nope)'],
    ['bad policy name', gnp('Guard', {}),
      "invalid metadata.name: error with field Metadata.Name = 'Guard' (name must consist of lower case alphanumeric characters or '-' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?))"],
    ['type given twice', gnp('p', { types: ['Ingress', 'Ingress'] }),
      "invalid spec.types: error with field NetworkPolicySpec.Types = '[\"Ingress\",\"Ingress\"]' ('Ingress' type specified more than once)"],
    ['bad stagedAction', stagedGnp('p', { stagedAction: 'Remove' }),
      "invalid spec.stagedAction: error with field StagedAction = 'Remove' (failed to validate Field: StagedAction because of Tag: stagedAction)"],
    ['Delete with content', stagedGnp('p', { stagedAction: 'Delete', selector: 'all()' }),
      "invalid spec: error with field Spec = 'Delete' (Spec fields, except Tier, should all be zero-value if stagedAction is Delete)"],
    ['Kubernetes Delete with content', stagedKnp('x', 'p', { stagedAction: 'Delete', podSelector: {} }),
      "invalid spec: error with field Spec = 'Delete' (Spec fields should all be zero-value if stagedAction is Delete)"],
    ['default tier order', tier('default', 5),
      "invalid spec.order: error with field TierSpec.Order = '5' (default tier order must be 1000000)"],
    ['ipBlock with another peer', knp('x', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }),
      'invalid spec.ingress.0.from.0: Forbidden: may not specify both ipBlock and another peer'],
    ['empty peer', knp('x', 'p', { podSelector: {}, ingress: [{ from: [{}] }] }), 'invalid spec.ingress.0.from.0: Required value: must specify a peer'],
    ['except outside cidr', knp('x', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }] }),
      'invalid spec.egress.0.to.0.ipBlock.except.0: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`'],
    ['endPort below port', knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }),
      'invalid spec.ingress.0.ports.0.endPort: Invalid value: 80: must be greater than or equal to `port`'],
    ['endPort with a named port', knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 80 }] }] }),
      'invalid spec.ingress.0.ports.0.endPort: Invalid value: 80: may not be specified when `port` is non-numeric'],
    ['Kubernetes protocol', knp('x', 'p', { podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] }),
      'invalid spec.ingress.0.ports.0.protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ['In without values', knp('x', 'p', { podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }),
      "invalid spec.podSelector.matchExpressions.0.values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    ['ANP action', anp('p', { priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Log', from: [{ namespaces: {} }] }] }),
      'invalid spec.ingress.0.action: Unsupported value: "Log": supported values: "Allow", "Deny", "Pass"'],
    ['ANP port range', anp('p', { priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portRange: { start: 90, end: 80 } }] }] }),
      'invalid spec.ingress.0.ports.0.portRange: Invalid value: "object": Start port must be less than End port'],
    ['unknown field', gnp('p', { selecter: 'all()' }), 'invalid spec.selecter: unknown field "selecter"'],
    ['wrong type', gnp('p', { order: 'first' }), 'invalid spec.order: Invalid input: expected number, received string'],
  ];
  for (const [title, doc, expected] of cases) {
    it(title, () => {
      expect(report([doc])).to.include(expected);
    });
  }

  it('reports every problem, not only the first, with the file and document index', () => {
    const problems = problemsOf(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: ok}
spec: {selector: all()}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: Bad}
spec:
  ingress:
  - action: Nope
  - action: Allow
    protocol: bogus
`);
    expect(problems.map((p) => [p.source.document, p.path.join('.')])).to.deep.equal([
      [1, 'metadata.name'], [1, 'spec.ingress.0.action'], [1, 'spec.ingress.1.protocol'],
    ]);
    expect(problems).to.have.length(3);
    expect(problems.every((p) => p.source.file === 'test.yaml' && p.kind === 'invalid')).to.equal(true);
  });

  it('an invalid document is left out of the set, as the API server would reject it', () => {
    const m = model(twoNamespaces(), [gnp('p', { selector: 'all()', ingress: [{ action: 'Deny' }, { action: 'Allow', protocol: 'bogus' }] })], { allowProblems: true });
    expect(m.verdict('x/a', 'y/b')).to.equal('allow');
  });

  it('null fields read as absent, as Kubernetes reads them', () => {
    expect(report('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector:\n  ingress:\n')).to.deep.equal([]);
  });

  it('unknown kinds are invalid; other Calico kinds and crd.projectcalico.org are unsupported', () => {
    expect(report([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])[0]).to.match(/^invalid kind: unknown kind "ConfigMap" for apiVersion "v1"/);
    expect(report([{ apiVersion: 'projectcalico.org/v3', kind: 'HostEndpoint', metadata: { name: 'h' }, spec: {} }]))
      .to.deep.equal(['unsupported kind: the model does not evaluate projectcalico.org/v3 HostEndpoint; it is ignored']);
    expect(report([{ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'g' }, spec: {} }])[0])
      .to.match(/^unsupported apiVersion: crd.projectcalico.org\/v1 is Calico's storage format/);
  });

  it('documents without apiVersion, kind and metadata.name are rejected', () => {
    expect(report(['just a string', { kind: 'NetworkPolicy' }])).to.deep.equal([
      'invalid : not a Kubernetes resource: apiVersion, kind and metadata.name are required',
      'invalid : not a Kubernetes resource: apiVersion, kind and metadata.name are required',
    ]);
  });

  it('a resource defined twice is reported at its second definition', () => {
    expect(report([gnp('p', {}), gnp('p', {})])).to.deep.equal(['invalid metadata.name: duplicate GlobalNetworkPolicy p: already defined in test.yaml (document 0)']);
  });

  it('doNotTrack and preDNAT policies act on host endpoints only: unsupported, no effect on pods', () => {
    const docs = [gnp('p', { selector: 'all()', doNotTrack: true, applyOnForward: true, ingress: [{ action: 'Deny' }] })];
    const m = model(twoNamespaces(), docs, { allowProblems: true });
    expect(m.problems.map((p) => p.kind)).to.deep.equal(['unsupported']);
    expect(m.verdict('x/a', 'y/b')).to.equal('allow');
  });

  it('compilePolicies never throws on malformed input', () => {
    const junk: unknown[] = [null, 42, [], { apiVersion: 3 }, { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'x' }, spec: 'no' }];
    expect(() => compilePolicies(policyDocs(junk))).to.not.throw();
    expect(compilePolicies(policyDocs(junk)).problems).to.have.length(5);
  });
});
