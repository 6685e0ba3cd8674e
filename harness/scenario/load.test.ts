import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Problem } from '../errors.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { compileScenario } from './compile.ts';
import { loadScenario } from './load.ts';

const testdata = join(import.meta.dirname, 'testdata');
const fixture = (name: string) => join(testdata, name);

async function problemsOf(file: string): Promise<Problem[]> {
  try {
    const scenario = await loadScenario(file);
    if (modelFixture(file)) compileScenario(scenario);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`${file} loaded without problems`);
}

/** invalid-model-* fixtures load, and fail when the model compiles their policies. */
const modelFixture = (file: string) => file.includes('invalid-model-');

/** [fixture, every expected problem as [file suffix, line, message part]]. */
const invalid: [string, [string, number, string][]][] = [
  ['invalid-empty.yaml', [['invalid-empty.yaml', 1, 'file is empty']]],
  ['invalid-yaml11-boolean.yaml', [['invalid-yaml11-boolean.yaml', 17, 'y unquoted is the boolean true to calicoctl, which reads YAML 1.1 (tierprobe reads it as the string "y"): quote it, "y"']]],
  ['invalid-guardrails-shape.yaml', [
    ['invalid-guardrails-shape.yaml', 10, 'must be a lowercase DNS label'],
    ['invalid-guardrails-shape.yaml', 10, 'verdict must be allow or deny'],
  ]],
  ['invalid-guardrails.yaml', [
    ['invalid-guardrails.yaml', 10, 'guardrail none names no cell: no pod of the scenario matches x/* -> z/*'],
    ['invalid-guardrails.yaml', 11, 'guardrail self names no cell'],
    ['invalid-guardrails.yaml', 12, 'guardrail late: no step is named "no such step"; the steps are "baseline"'],
    ['invalid-guardrails.yaml', 14, 'guardrail twice is declared twice'],
  ]],
  ['invalid-only-comment.yaml', [['invalid-only-comment.yaml', 1, 'file is empty']]],
  ['invalid-binary.yaml', [['invalid-binary.yaml', 2, 'binary data: control character 0x00']]],
  ['invalid-tabs.yaml', [['invalid-tabs.yaml', 4, 'tabs are not allowed as indentation']]],
  ['invalid-alias-bomb.yaml', [['invalid-alias-bomb.yaml', 1, 'too many YAML alias expansions']]],
  ['invalid-syntax.yaml', [['invalid-syntax.yaml', 6, 'Flow map'], ['invalid-syntax.yaml', 6, 'Flow sequence']]],
  ['invalid-missing-fields.yaml', [
    ['invalid-missing-fields.yaml', 1, 'must be tierprobe/v1alpha1'],
    ['invalid-missing-fields.yaml', 1, 'missing required field "namespaces"'],
    ['invalid-missing-fields.yaml', 3, 'missing required field "name"'],
    ['invalid-missing-fields.yaml', 4, 'a scenario needs at least one step'],
  ]],
  ['invalid-unknown-fields.yaml', [
    ['invalid-unknown-fields.yaml', 7, 'unknown field "lables"'],
    ['invalid-unknown-fields.yaml', 10, 'unknown field "image"'],
    ['invalid-unknown-fields.yaml', 13, 'unknown field "expected"'],
  ]],
  ['invalid-duplicates.yaml', [
    ['invalid-duplicates.yaml', 9, 'duplicate pod "a" in namespace "x"'],
    ['invalid-duplicates.yaml', 10, 'duplicate namespace "x"'],
    ['invalid-duplicates.yaml', 13, 'duplicate external "web"'],
    ['invalid-duplicates.yaml', 16, 'duplicate step name "s"'],
  ]],
  ['invalid-ports.yaml', [
    ['invalid-ports.yaml', 6, '"80/tcp": protocol must be TCP, UDP or SCTP'],
    ['invalid-ports.yaml', 6, '"0/TCP": port must be 1 to 65535'],
    ['invalid-ports.yaml', 6, '"80/ICMP": protocol must be TCP, UDP or SCTP'],
    ['invalid-ports.yaml', 6, '"http" is not a port'],
    ['invalid-ports.yaml', 11, 'port must be 1 to 65535'],
    ['invalid-ports.yaml', 11, 'protocol must be TCP, UDP or SCTP'],
    ['invalid-ports.yaml', 11, 'port name must be a lowercase IANA service name'],
  ]],
  ['invalid-duplicate-ports.yaml', [
    ['invalid-duplicate-ports.yaml', 6, '80/TCP is listed twice'],
    ['invalid-duplicate-ports.yaml', 11, 'port name "http" is used twice'],
  ]],
  ['invalid-expect-syntax.yaml', [
    ['invalid-expect-syntax.yaml', 11, 'verdict must be allow or deny'],
    ['invalid-expect-syntax.yaml', 13, '"x/a/b" is not an address'],
    ['invalid-expect-syntax.yaml', 14, '"X" must be a lowercase name or *'],
    ['invalid-expect-syntax.yaml', 15, 'a port is written N/PROTO'],
    ['invalid-expect-syntax.yaml', 16, 'verdict must be allow or deny'],
  ]],
  ['invalid-expect-targets.yaml', [
    ['invalid-expect-targets.yaml', 17, 'unknown external "intranet"'],
    ['invalid-expect-targets.yaml', 18, 'unknown namespace "z"'],
    ['invalid-expect-targets.yaml', 19, 'x/c matches no pod'],
    ['invalid-expect-targets.yaml', 20, 'an external is only a destination'],
    ['invalid-expect-targets.yaml', 21, 'no destination matching y/b serves 5432/TCP'],
  ]],
  ['invalid-missing-file.yaml', [['invalid-missing-file.yaml', 11, 'policies/does-not-exist.yaml: file not found']]],
  ['invalid-delete.yaml', [['invalid-delete.yaml', 11, 'cannot delete GlobalNetworkPolicy never-applied: no earlier step applied it']]],
  ['invalid-policy-documents.yaml', [
    ['invalid-policy-documents.yaml', 12, 'a policy document needs apiVersion, kind and metadata.name'],
    ['invalid-policy-documents.yaml', 16, 'a policy document must be a mapping'],
    ['policies/broken-syntax.yaml', 7, 'Flow sequence'],
  ]],
  ['invalid-policy-binary.yaml', [
    ['policies/binary.yaml', 4, 'binary data: control character 0x00'],
    ['invalid-policy-binary.yaml', 12, 'policies: is a directory, not a file'],
  ]],
  ['invalid-applied-twice.yaml', [['invalid-applied-twice.yaml', 17, 'GlobalNetworkPolicy allow-all is applied twice in step "s"']]],
  ['invalid-relabel.yaml', [
    ['invalid-relabel.yaml', 13, 'unknown pod "x/nope"'],
    ['invalid-relabel.yaml', 16, "tierprobe.dev/ labels are tierprobe's own"],
    ['invalid-relabel.yaml', 18, '"role" is not a label of pod x/a at this step'],
    ['invalid-relabel.yaml', 20, "the API server sets it to the namespace's name"],
  ]],
  ['invalid-services.yaml', [
    ['invalid-services.yaml', 14, 'duplicate Service "web" in namespace "y"'],
    ['invalid-services.yaml', 18, 'svc:y/nobody selects no pod of namespace y'],
    ['invalid-services.yaml', 22, 'targetPort 9090/TCP of svc:y/wrong-number: no pod it selects serves it (y/a, y/b)'],
    ['invalid-services.yaml', 25, 'targetPort 8080/TCP of svc:y/half-served: y/b is selected but does not serve it'],
    ['invalid-services.yaml', 28, 'targetPort "metrics": no pod svc:y/wrong-name selects (y/a, y/b) names a TCP port "metrics"'],
    ['invalid-services.yaml', 31, 'targetPort "http": no pod svc:y/udp-name selects (y/a, y/b) names a UDP port "http"'],
    ['invalid-services.yaml', 34, 'a Service with more than one port names each of them'],
    ['invalid-services.yaml', 34, 'a Service with more than one port names each of them'],
    ['invalid-services.yaml', 34, '80/TCP is listed twice'],
    ['invalid-services.yaml', 43, 'after this relabel, targetPort 9090/TCP of svc:y/wrong-number: no pod it selects serves it (y/b)'],
    ['invalid-services.yaml', 43, 'after this relabel, targetPort 8080/TCP of svc:y/half-served: no pod it selects serves it (y/b)'],
    ['invalid-services.yaml', 48, 'svc:y/web: a Service is only a destination; probes start from pods'],
    ['invalid-services.yaml', 49, 'svc:y/nope names no declared Service; the Services are: svc:y/web, svc:y/nobody'],
    ['invalid-services.yaml', 50, 'no Service matching svc:y/web has port 8080/TCP'],
  ]],
  ['invalid-services-shape.yaml', [
    ['invalid-services-shape.yaml', 10, "a Service name is a DNS-1035 label"],
    ['invalid-services-shape.yaml', 14, 'a Service needs a selector'],
    ['invalid-services-shape.yaml', 18, 'a Service needs at least one port'],
    ['invalid-services-shape.yaml', 21, 'must be a lowercase IANA service name'],
    ['invalid-services-shape.yaml', 24, 'unknown field "type"'],
    ['invalid-services-shape.yaml', 30, '"svc:y" is not a Service: write svc:NS/NAME'],
  ]],
  ['invalid-relabel-shape.yaml', [
    ['invalid-relabel-shape.yaml', 13, 'a relabel entry names exactly one of pod (ns/name) or namespace'],
    ['invalid-relabel-shape.yaml', 18, '"app" is both set and removed'],
  ]],
  ['invalid-pod-cidr.yaml', [['invalid-pod-cidr.yaml', 7, '"10.300.0.0/16" is not a CIDR']]],
  ['invalid-pod-cidr-kind.yaml', [['invalid-pod-cidr-kind.yaml', 6, "podCIDR applies to provider existing only: on kind, the pod CIDR is the kind config's networking.podSubnet"]]],
  ['invalid-cluster.yaml', [
    ['invalid-cluster.yaml', 7, 'context applies to provider existing only'],
    ['invalid-cluster.yaml', 8, 'file not found'],
  ]],
  // The model words these; the loader places them. Line of the field at fault inside the inline document.
  ['invalid-model-selector.yaml', [['invalid-model-selector.yaml', 16, 'invalid selector']]],
  ['invalid-model-kind.yaml', [['invalid-model-kind.yaml', 13, 'GlobalNetworkPolcy']]],
  ['invalid-model-http.yaml', [['policies/http-rule.yaml', 9, 'unsupported: http match']]],
  // tierprobe writes only inside the scenario's namespaces.
  ['invalid-policy-namespace.yaml', [
    ['invalid-policy-namespace.yaml', 16, 'namespace "kube-system" is not one of the scenario\'s namespaces (x)'],
    ['invalid-policy-namespace.yaml', 21, 'NetworkPolicy nowhere names no namespace: set metadata.namespace to one of the scenario\'s namespaces (x)'],
    ['invalid-policy-namespace.yaml', 32, 'Tier default is one of Calico\'s built-in tiers: tierprobe never writes it'],
  ]],
  ['invalid-two-documents.yaml', [['invalid-two-documents.yaml', 9, 'a scenario file holds exactly one YAML document']]],
  // promote: each problem at the entry, the field or the promote value it comes from.
  ['invalid-promote.yaml', [
    ['invalid-promote.yaml', 10, 'promote: all, but no staged policy is alive at this step'],
    ['invalid-promote.yaml', 40, 'NetworkPolicy is not a staged policy kind'],
    ['invalid-promote.yaml', 41, 'write StagedNetworkPolicy/<namespace>/<name> (StagedNetworkPolicy is namespaced)'],
    ['invalid-promote.yaml', 42, 'write StagedGlobalNetworkPolicy/<name> (StagedGlobalNetworkPolicy is cluster-wide)'],
    ['invalid-promote.yaml', 43, 'StagedNetworkPolicy x/missing is not alive at this step'],
    ['invalid-promote.yaml', 45, 'StagedNetworkPolicy x/p is named twice'],
    ['invalid-promote.yaml', 47, 'StagedGlobalNetworkPolicy learning has stagedAction Learn'],
    ['invalid-promote.yaml', 47, 'the NetworkPolicy x/gone (projectcalico.org/v3) it would delete is not alive at this step'],
    ['invalid-promote.yaml', 47, 'StagedNetworkPolicy x/default.q and StagedNetworkPolicy x/q would both promote to NetworkPolicy x/default.q'],
    ['invalid-promote.yaml', 48, 'a promote step does nothing else: give its apply a step of its own'],
    ['invalid-promote.yaml', 54, 'a promote step does nothing else: give its delete a step of its own'],
  ]],
  // traffic: shape, syntax and ranges (the schema), then addresses, ports and bounds (traffic-entries.ts).
  ['invalid-traffic-syntax.yaml', [
    ['invalid-traffic-syntax.yaml', 15, 'unknown field "burst"'],
    ['invalid-traffic-syntax.yaml', 16, 'missing required field "from"'],
    ['invalid-traffic-syntax.yaml', 16, 'missing required field "port"'],
    ['invalid-traffic-syntax.yaml', 17, '"external:internet": an external is only a destination; traffic starts from pods'],
    ['invalid-traffic-syntax.yaml', 17, '"svc:y/web": traffic to a Service is not supported yet'],
    ['invalid-traffic-syntax.yaml', 17, '"80/SCTP": the traffic generator sends TCP and UDP only'],
    ['invalid-traffic-syntax.yaml', 18, '"svc:y/web": traffic starts from pods'],
    ['invalid-traffic-syntax.yaml', 18, '"x/a/b" is not an address'],
    ['invalid-traffic-syntax.yaml', 19, 'rate must be more than 0'],
    ['invalid-traffic-syntax.yaml', 20, 'rate must be at most 10000'],
    ['invalid-traffic-syntax.yaml', 21, 'rate must be a number'],
    ['invalid-traffic-syntax.yaml', 22, 'before must be 1s to 10m, not 500ms'],
    ['invalid-traffic-syntax.yaml', 22, 'after must be 1s to 10m, not 11m'],
    ['invalid-traffic-syntax.yaml', 23, 'before is a duration such as 500ms, 3s or 1m'],
    ['invalid-traffic-syntax.yaml', 24, 'maxTimeToEnforce must be more than 0, not 0s'],
    ['invalid-traffic-syntax.yaml', 24, '"soon" is not a duration'],
    ['invalid-traffic-syntax.yaml', 25, 'established must be cut or kept'],
  ]],
  ['invalid-traffic-targets.yaml', [
    ['invalid-traffic-targets.yaml', 17, 'traffic from z/* matches no pod of the scenario'],
    ['invalid-traffic-targets.yaml', 18, 'traffic from x/c matches no pod of the scenario'],
    ['invalid-traffic-targets.yaml', 18, 'traffic to external:intranet matches no external of the scenario'],
    ['invalid-traffic-targets.yaml', 19, 'traffic to y/d matches no pod of the scenario'],
    ['invalid-traffic-targets.yaml', 20, 'no pod matching y/* serves 6379/TCP (they serve 80/TCP, 5432/TCP)'],
    ['invalid-traffic-targets.yaml', 21, 'no external matching external:internet serves 80/TCP (external:internet serves 443/TCP)'],
    ['invalid-traffic-targets.yaml', 22, 'traffic from x/a to x/a is only a pod to itself'],
    ['invalid-traffic-targets.yaml', 25, 'a summed rate of 60000/s, at most 20000/s'],
  ]],
  ['invalid-promote-shape.yaml', [
    ['invalid-promote-shape.yaml', 10, 'promote lists at least one staged policy; or write promote: all'],
    ['invalid-promote-shape.yaml', 12, 'promote is all or a list of Kind/namespace/name'],
    ['invalid-promote-shape.yaml', 14, 'promote is all or a list of Kind/namespace/name'],
  ]],
];

describe('loadScenario: invalid fixtures', () => {
  it('has a row for every invalid-* fixture', () => {
    const files = readdirSync(testdata).filter((f) => f.startsWith('invalid-')).sort();
    expect(invalid.map(([f]) => f).sort()).to.deep.equal(files);
  });
  for (const [name, expected] of invalid) {
    it(`${name}: reports every problem with its file and line`, async () => {
      const problems = await problemsOf(fixture(name));
      const got = problems.map((p) => [p.file, p.line, p.message] as const);
      for (const [file, line, message] of expected) {
        const hit = got.find(([f, l, m]) => f.endsWith(file) && l === line && m.includes(message));
        expect(hit, `expected ${file}:${line} "${message}" in\n${got.map((g) => g.join(' | ')).join('\n')}`).to.not.equal(undefined);
      }
      expect(problems).to.have.length(expected.length);
      for (const p of problems) expect(p.column, `${p.file}:${p.line} has a column`).to.be.a('number');
    });
  }
});

describe('loadScenario: valid fixtures', () => {
  it('loads the minimal scenario with every default', async () => {
    const s = await loadScenario(fixture('valid-minimal.yaml'));
    expect(s.name).to.equal('minimal');
    expect(s.probe.timeoutMs).to.equal(1000);
    expect(s.probe.ports.map((p) => `${p.port}/${p.protocol}`)).to.deep.equal(['80/TCP', '81/TCP', '80/UDP', '81/UDP']);
    expect(s.cluster.provider).to.equal('kind');
    expect(s.cluster.provider === 'kind' && s.cluster.kindConfig).to.match(/kind-config\/default\.yaml$/);
    expect(s.inventory.pods).to.deep.equal([{ namespace: 'x', name: 'a', labels: {}, serviceAccount: 'default', ports: s.probe.ports }]);
    expect(s.steps.map((st) => [st.name, st.alive.length, st.expect])).to.deep.equal([['baseline', 0, undefined]]);
  });

  it('takes the pod CIDR from the kind config, or from cluster.podCIDR on an existing cluster', async () => {
    expect((await loadScenario(fixture('valid-minimal.yaml'))).inventory.podCidrs).to.deep.equal(['10.244.0.0/16']);
    expect((await loadScenario(fixture('valid-full.yaml'))).inventory.podCidrs).to.deep.equal(['10.32.0.0/16']);
    expect((await loadScenario(fixture('valid-existing-pod-cidr.yaml'))).inventory.podCidrs).to.deep.equal(['192.168.0.0/16']);
  });

  it('loads every field and extension of the full scenario', async () => {
    const s = await loadScenario(fixture('valid-full.yaml'));
    expect(s.probe.timeoutMs).to.equal(500);
    expect(s.cluster).to.deep.equal({ provider: 'kind', kindConfig: join(testdata, 'kind.yaml') });
    const a = s.inventory.pods.find((p) => p.namespace === 'x' && p.name === 'a');
    expect(a?.serviceAccount).to.equal('web');
    expect(a?.ports).to.deep.equal([
      { port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }, { port: 8080, protocol: 'TCP', name: 'http-alt' }, { port: 5432, protocol: 'TCP' },
    ]);
    expect(s.inventory.externals).to.deep.equal([{ name: 'internet', ip: '172.18.0.200', ports: [{ port: 443, protocol: 'TCP' }] }]);
    const [baseline, deny, remove] = s.steps;
    expect(baseline?.alive).to.deep.equal([]);
    expect(deny?.alive.map((d) => `${d.id.kind}/${d.id.name}`)).to.deep.equal([
      'Tier/security', 'GlobalNetworkPolicy/security.deny-x-y', 'GlobalNetworkPolicy/security.deny-egress-internet',
    ]);
    expect(deny?.expect?.rules[0]).to.deep.equal({
      from: { kind: 'pod', namespace: 'x', pod: '*' }, to: { kind: 'pod', namespace: 'y', pod: '*' }, port: { port: 80, protocol: 'TCP' }, verdict: 'deny',
    });
    expect(deny?.expectStaged).to.deep.equal({ default: 'allow', rules: [] });
    expect(remove?.delete.map((d) => d.id.name)).to.deep.equal(['security.deny-egress-internet']);
    expect(remove?.alive.map((d) => d.id.name)).to.deep.equal(['security', 'security.deny-x-y']);
  });

  it('places file documents and inline documents at their lines', async () => {
    const s = await loadScenario(fixture('valid-full.yaml'));
    const [tier, gnp, inline] = s.steps[1]?.alive ?? [];
    expect(tier?.location.line).to.equal(1);
    expect(gnp?.location.line).to.equal(8);
    expect(gnp?.source).to.deep.equal({ file: join(testdata, 'policies/deny-x-y.yaml'), document: 1 });
    expect(gnp?.text).to.match(/^apiVersion: projectcalico.org\/v3\nkind: GlobalNetworkPolicy/);
    expect(inline?.location).to.deep.equal({ file: fixture('valid-full.yaml'), line: 40, column: 11 });
  });

  it('maps a model problem inside an inline document back to the scenario line', async () => {
    const s = await loadScenario(fixture('valid-full.yaml'));
    const inline = s.steps[1]?.alive[2];
    if (!inline) throw new Error('no inline document');
    const p = s.sources.locate({ source: inline.source, path: ['spec', 'egress', 0, 'action'], message: 'bad action', kind: 'invalid' });
    expect(p).to.include({ file: fixture('valid-full.yaml'), line: 50, column: 25, message: 'bad action' });
    expect(p.path).to.equal('spec.egress[0].action');
  });

  it('replaces a document applied again by a later step and keeps the rest', async () => {
    const s = await loadScenario(fixture('valid-replace.yaml'));
    const alive = s.steps.map((st) => st.alive.map((d) => `${d.id.name}:${d.location.line}`));
    expect(alive).to.deep.equal([['allow-all:12'], ['allow-all:20'], ['allow-all:20', 'deny-all:27'], ['deny-all:27']]);
  });
});

describe('loadScenario: speed on hostile input', () => {
  it('rejects every invalid fixture within a second', async () => {
    const start = performance.now();
    for (const [name] of invalid) if (!modelFixture(name)) await problemsOf(fixture(name));
    expect(performance.now() - start).to.be.below(1000);
  });
});

describe('loadScenario: generated hostile input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierprobe-load-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('refuses a file over 1 MiB without parsing it', async () => {
    const file = write('huge.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    const [p] = await problemsOf(file);
    expect(p?.message).to.match(/is \d+ bytes; the limit is 1048576/);
  });

  it('reports deeply nested YAML as a located problem', async () => {
    const [p] = await problemsOf(write('deep.yaml', `a: ${'['.repeat(100000)}${']'.repeat(100000)}\n`));
    expect(p).to.include({ line: 1, message: 'YAML nested too deeply' });
  });

  it('reports a directory given as a scenario', async () => {
    const [p] = await problemsOf(dir);
    expect(p?.message).to.equal('is a directory, not a file');
  });
});
