import { expect } from 'chai';
import { join } from 'node:path';
import { runCli } from '../cli.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const scenario = (file: string) => join(root, 'scenarios', file);
const testdata = (file: string) => join(root, 'harness', 'whatif', 'testdata', file);

async function whatif(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['whatif', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

const noStack = (text: string) => expect(text).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);

describe('tierprobe whatif', () => {
  it('prints the flips of the last step and exits 0: flips are no failure', async () => {
    const r = await whatif(scenario('tiered-guardrail.yaml'), testdata('delete-security-policy.yaml'));
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.contain('step 3/3 "app team tries to re-open for tools"').and.contain('2 cells flip of 18: 2 deny → allow')
      .and.contain('tools → payments: 2 cells flip');
  });

  it('--step changes that step; --format json is one document', async () => {
    const r = await whatif(scenario('tiered-guardrail.yaml'), testdata('delete-security-policy.yaml'), '--step', 'security tier denies tools to payments', '--format', 'json');
    expect(r.code).to.equal(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.step.name).to.equal('security tier denies tools to payments');
    // No app policy re-opens for tools at step 2: the default tier's allow-all takes them.
    expect(doc.flipped.map((c: { key: string; after: { decidedBy: { policy: string } } }) => [c.key, c.after.decidedBy.policy])).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'knp.default.allow-all-ingress'], ['tools/debug -> payments/api 80/UDP', 'knp.default.allow-all-ingress'],
    ]);
  });

  it('--format dot writes a digraph', async () => {
    const r = await whatif(scenario('tiered-guardrail.yaml'), testdata('delete-security-policy.yaml'), '--format', 'dot');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^digraph /).and.contain('subgraph "cluster_tools"');
  });

  it('--expect with a rule the change breaks: exit 1, and what broke is printed', async () => {
    const r = await whatif(scenario('tiered-guardrail.yaml'), testdata('delete-security-policy.yaml'), '--expect', testdata('expect-tools-denied.yaml'));
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain('broken at 2 of 12 cells checked').and.contain('declared deny (expect.rules[0] at');
  });

  it('--expect with a guardrail the change leaves attackable: exit 1; with json the person hears it on stderr', async () => {
    const r = await whatif(scenario('tiered-guardrail.yaml'), testdata('move-guardrail-to-default.yaml'), '--step', 'security tier denies tools to payments',
      '--expect', testdata('guardrail-tools-denied.yaml'), '--format', 'json');
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.stdout).guardrails[0].held).to.equal(false);
    expect(r.stderr).to.contain(`the change breaks what ${testdata('guardrail-tools-denied.yaml')} declares`);
  });

  it('--expect that still holds: exit 0', async () => {
    const r = await whatif(scenario('tiered-guardrail.yaml'), testdata('frontend-allow-ingress.yaml'), '--expect', testdata('guardrail-tools-denied.yaml'));
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('nothing declared breaks');
  });

  const bad: { title: string; args: string[]; says: RegExp }[] = [
    { title: 'a delete of something not alive', args: [scenario('tiered-guardrail.yaml'), testdata('invalid-delete-not-alive.yaml')], says: /invalid-delete-not-alive\.yaml:5:5: delete\[1\]: cannot delete NetworkPolicy allow-all-ingress/ },
    { title: 'an unknown kind', args: [scenario('tiered-guardrail.yaml'), testdata('invalid-unknown-kind.yaml')], says: /invalid-unknown-kind\.yaml:2:7: kind: unsupported: the model does not evaluate projectcalico\.org\/v3 GlobalNetworkPolcy/ },
    { title: 'a policy the model rejects', args: [scenario('tiered-guardrail.yaml'), testdata('invalid-selector.yaml')], says: /invalid-selector\.yaml:8:13: spec\.selector: invalid selector/ },
    { title: 'a broken --expect file', args: [scenario('tiered-guardrail.yaml'), testdata('frontend-allow-ingress.yaml'), '--expect', testdata('invalid-expect-since.yaml')], says: /invalid-expect-since\.yaml:2:97: guardrails\[0\]\.since: since is not allowed here/ },
    { title: 'an unknown step', args: [scenario('tiered-guardrail.yaml'), testdata('frontend-allow-ingress.yaml'), '--step', 'nope'], says: /--step: .*tiered-guardrail\.yaml has no step named "nope"; its steps are: "app team allows all ingress"/ },
    { title: 'two --expect files', args: [scenario('tiered-guardrail.yaml'), testdata('frontend-allow-ingress.yaml'), '--expect', testdata('expect-tools-denied.yaml'), '--expect', testdata('guardrail-tools-denied.yaml')], says: /--expect is given once: put expect and guardrails in one file/ },
    { title: 'no change file', args: [scenario('tiered-guardrail.yaml')], says: /whatif takes a scenario file or capture directory, then one or more change files/ },
    { title: 'no arguments at all', args: [], says: /Not enough non-option arguments/ },
    { title: 'a capture option without --context', args: [scenario('tiered-guardrail.yaml'), testdata('frontend-allow-ingress.yaml'), '--namespaces', 'a,b', '--capture-out', '/tmp/x'], says: /--namespaces, --capture-out go with --context/ },
    { title: '--context not allowed: refused before anything is read', args: ['--context', 'prod-eu', '--namespaces', 'a', testdata('frontend-allow-ingress.yaml')], says: /--allow-context prod-eu/ },
    { title: '--context the kubeconfig lacks', args: ['--context', 'nope', '--allow-context', 'nope', '--kubeconfig', join(root, 'harness', 'whatif', 'testdata', 'kubeconfig-one-context.yaml'), '--namespaces', 'a', testdata('frontend-allow-ingress.yaml')], says: /no context "nope" in .*kubeconfig-one-context\.yaml; it has: only-this/ },
    { title: '--context with no namespaces said', args: ['--context', 'kind-x', '--allow-context', 'kind-x', testdata('frontend-allow-ingress.yaml')], says: /say what to capture: --namespaces a,b or --all-namespaces/ },
    { title: 'an unknown format', args: [scenario('tiered-guardrail.yaml'), testdata('frontend-allow-ingress.yaml'), '--format', 'svg'], says: /Invalid values:[\s\S]*format/ },
  ];
  for (const b of bad) {
    it(`bad input exits 2 and says where: ${b.title}`, async () => {
      const r = await whatif(...b.args);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(b.says);
      expect(r.stdout).to.equal('');
      noStack(r.stderr);
    });
  }
});
