import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors.ts';
import { runCli } from './cli.ts';
import { reportError } from './report-error.ts';

const root = join(import.meta.dirname, '..', '..');
const scenarioTestdata = join(root, 'harness', 'scenario', 'testdata');

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

const noStack = (text: string) => expect(text).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);

describe('tierprobe CLI: bad input and usage (exit 2)', () => {
  it('validate lists every problem of every file with file:line:column', async () => {
    const r = await cli('validate', join(scenarioTestdata, 'invalid-duplicates.yaml'), join(scenarioTestdata, 'invalid-tabs.yaml'));
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('invalid-duplicates.yaml:10:11: namespaces[1].name: duplicate namespace "x"');
    expect(r.stderr).to.include('invalid-tabs.yaml:4:1: tabs are not allowed as indentation');
    expect(r.stderr).to.include('5 problems in 2 files');
    noStack(r.stderr);
  });

  it('validate names a missing scenario file', async () => {
    const r = await cli('validate', 'no/such/scenario.yaml');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('no/such/scenario.yaml: file not found');
  });

  it('rejects unknown commands, options and values with a usage hint', async () => {
    for (const args of [['explian', 'x.yaml'], ['validate', '--bogus', 'x.yaml'], ['explain', 'x.yaml', '--format', 'xml'], ['explain'], []]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).to.equal(2);
      expect(r.stderr, args.join(' ')).to.include("Run 'tierprobe --help' for usage.");
      noStack(r.stderr);
    }
  });

  it('explain --step with an unknown step lists the steps', async () => {
    const r = await cli('explain', join(root, 'harness', 'cli', 'testdata', 'wrong-intent.yaml'), '--step', 'nope');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('has no step named "nope"; its steps are: "nothing applied"');
  });

  it('prints help and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).to.equal(0);
  });
});

describe('reportError', () => {
  it('maps an environment failure to 3 with the command, output tail, cause and what to do', () => {
    let text = '';
    const e = new EnvironmentError('kind create cluster failed', { hint: 'run: tierprobe cluster status', command: 'kind create cluster', output: 'line\n'.repeat(30) + 'last' }, { cause: new Error('exit status 1') });
    expect(reportError(e, (t) => { text += t; })).to.equal(3);
    expect(text).to.include('command: kind create cluster');
    expect(text).to.include('... (11 earlier lines)');
    expect(text).to.include('cause: exit status 1');
    expect(text).to.include('what to do: run: tierprobe cluster status');
  });

  it('maps an unexpected error to 3, calls it a bug, and prints no stack', () => {
    let text = '';
    expect(reportError(new TypeError('x is undefined'), (t) => { text += t; })).to.equal(3);
    expect(text).to.include('unexpected error: x is undefined');
    expect(text).to.include('This is a bug in tierprobe');
    noStack(text);
  });
});

describe('tierprobe CLI with the model', () => {
  it('validate --intent agrees with every scenario in the library', async () => {
    const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'scenarios', f));
    expect(files.length).to.be.at.least(5);
    const r = await cli('validate', '--intent', ...files);
    expect(r.stderr).to.equal('');
    expect(r.code, r.stdout).to.equal(0);
    expect(r.stdout.match(/^ok /gm)).to.have.length(files.length);
  });

  it('validate --intent and explain exit 1 and list the cells where the model disagrees', async () => {
    const file = join(root, 'harness', 'cli', 'testdata', 'wrong-intent.yaml');
    const v = await cli('validate', '--intent', file);
    expect(v.code).to.equal(1);
    expect(v.stdout).to.include('step "nothing applied": x/a -> y/b 80/TCP: expect: declared deny, model allow');
    const e = await cli('explain', file);
    expect(e.code).to.equal(1);
    expect(e.stdout).to.match(/x\/a\s+✓\s+✓!/);
    expect(e.stdout).to.include('! x/a -> y/b 80/TCP: expect: declared deny, model allow [policy-intent]');
  });

  it('refuses what the model cannot evaluate, or warns with --allow-unsupported', async () => {
    const file = join(scenarioTestdata, 'invalid-model-http.yaml');
    const refused = await cli('validate', file);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/http-rule\.yaml:9:7: spec\.ingress\[0\]\.http: unsupported: /);
    const warned = await cli('validate', '--allow-unsupported', file);
    expect(warned.code).to.equal(0);
    expect(warned.stderr).to.match(/^warning: .*http-rule\.yaml:9:7: .*unsupported: /);
  });

  it('loads an ANP namedPort rule as Calico runs it (every port), with a located warning from validate and explain', async () => {
    const file = join(scenarioTestdata, 'valid-anp-named-port.yaml');
    const warning = /^warning: .*valid-anp-named-port\.yaml:28:65: spec\.ingress\[0\]\.ports\[1\]\.namedPort: AdminNetworkPolicy deny-http ingress\[0\]\.ports\[1\]: namedPort "http" — Calico 3\.31 does not translate namedPort in \(Baseline\)AdminNetworkPolicy, so this rule matches every port/m;
    for (const args of [['validate', '--intent'], ['validate', '--allow-unsupported'], ['explain', '--why']]) {
      const r = await cli(...args, file);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(0);
      expect(r.stderr, args.join(' ')).to.match(warning);
      expect(r.stderr.match(/^warning: /gm), args.join(' ')).to.have.length(1);
    }
    const e = await cli('explain', '--why', file);
    expect(e.stdout).to.include('x/a -> y/b 81/TCP  ✗ deny: tier adminnetworkpolicy: AdminNetworkPolicy kanp.adminnetworkpolicy.deny-http rule 0 (Deny)');
  });

  it('hands the format extensions (named ports, serviceAccount) to the model', async () => {
    const r = await cli('validate', '--intent', join(scenarioTestdata, 'valid-extensions.yaml'));
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.include('2 steps, 12 cells as declared');
    expect(r.code).to.equal(0);
  });

  it('explain --format json follows the contract', async () => {
    const r = await cli('explain', join(root, 'scenarios', 'tiered-guardrail.yaml'), '--format', 'json');
    expect(r.code).to.equal(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenario).to.equal('tiered-guardrail');
    const step = doc.steps.find((s: { name: string }) => s.name === 'app team tries to re-open for tools');
    const cell = step.cells.find((c: { from: string; to: string; protocol: string }) => c.from === 'tools/debug' && c.to === 'payments/api' && c.protocol === 'TCP');
    expect(cell).to.deep.include({ port: 80, verdict: 'deny' });
    expect(cell.decidedBy).to.include({ tier: 'security', policy: 'security.isolate-payments', ruleIndex: 0, action: 'Deny' });
  });

  it('explain --why names what decided each cell', async () => {
    const r = await cli('explain', join(root, 'scenarios', 'tiered-guardrail.yaml'), '--why', '--step', 'security tier denies tools to payments');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.include('step 2/3: security tier denies tools to payments (2 cells changed)');
    expect(r.stdout).to.not.include('step 1/3');
    expect(r.stdout).to.include('1 step, 18 cells: all as expected');
    expect(r.stdout).to.include('tools/debug -> payments/api 80/TCP  ✗ deny: tier security: GlobalNetworkPolicy security.isolate-payments rule 0 (Deny)');
  });
});
