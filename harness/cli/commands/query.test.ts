import { expect } from 'chai';
import { join } from 'node:path';
import { runCli } from '../cli.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const scenario = (file: string) => join(root, 'scenarios', file);

async function query(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['query', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** Exit 0, and stdout says each of these. */
function says(r: { code: number; stdout: string }, lines: string[]) {
  expect(r.code).to.equal(0);
  for (const line of lines) expect(r.stdout).to.include(line);
}

const noStack = (text: string) => expect(text).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);

describe('tierprobe query', () => {
  it('walks one connection through every tier of every step, naming the rule that fired (exit 0)', async () => {
    const r = await query(scenario('tiered-guardrail.yaml'), '--from', 'tools/debug', '--to', 'payments/api', '--port', '80/TCP');
    expect(r.stderr).to.equal('');
    says(r, [
      'tools/debug -> payments/api 80/TCP, scenario tiered-guardrail',
      'step 1/3: app team allows all ingress',
      'step 3/3: app team tries to re-open for tools',
      '  enforced: deny, decided in tier security: GlobalNetworkPolicy security.isolate-payments rule 0 (Deny)',
      '      tier security (order 100, default action Deny): no policy selects this endpoint',
      '        CalicoNetworkPolicy payments/allow-tools (order 1)',
    ]);
  });

  const walks: { title: string; args: string[]; says: string[]; not?: string }[] = [
    {
      title: '--step walks that step only; Pass and end-of-tier are said as such',
      args: [scenario('pass-and-default-action.yaml'), '--from', 'app/db', '--to', 'app/web', '--port', '80/TCP', '--step', 'default action Pass'],
      says: [
        'step 2/3: default action Pass',
        '-> end of tier: no rule fired, default action Pass: on to the next tier (Calico names GlobalNetworkPolicy platform.allow-client-to-web)',
        'after the last tier: profile kns.app allows',
      ],
      not: 'step 1/3',
    },
    {
      title: 'shows the staged and promoted walks where a staged policy is alive',
      args: [scenario('staged-delete.yaml'), '--from', 'audit/scanner', '--to', 'ledger/db', '--port', '80/TCP', '--step', 'stage the deletion of that policy'],
      says: [
        '  staged (pending: what the flow logs report): deny',
        '  promoted (every staged policy promoted): allow',
        'deleted by promoting StagedNetworkPolicy ledger/deny-audit-to-db (stagedAction Delete)',
      ],
    },
    {
      title: 'a pod to itself: always allowed, it never leaves the pod',
      args: [scenario('tiered-guardrail.yaml'), '--from', 'payments/api', '--to', 'payments/api', '--port', '80/TCP', '--step', 'security tier denies tools to payments'],
      says: ['a pod to itself: the traffic never leaves the pod', '  enforced: allow'],
    },
  ];
  for (const w of walks) {
    it(w.title, async () => {
      const r = await query(...w.args);
      says(r, w.says);
      if (w.not !== undefined) expect(r.stdout).to.not.include(w.not);
    });
  }

  it('--format json prints the structured walk', async () => {
    const r = await query(scenario('tiered-guardrail.yaml'), '--from', 'frontend/web', '--to', 'payments/api', '--port', '80/UDP', '--step', 'security tier denies tools to payments', '--format', 'json');
    expect(r.code).to.equal(0);
    const doc = JSON.parse(r.stdout) as { scenario: string; port: number; protocol: string; steps: { name: string; modes: { mode: string; verdict: string; ingress: { tiers: { tier: string; outcome: { kind: string } }[] } }[] }[] };
    expect(doc).to.deep.include({ scenario: 'tiered-guardrail', from: 'frontend/web', to: 'payments/api', port: 80, protocol: 'UDP' });
    expect(doc.steps.map((s) => s.name)).to.deep.equal(['security tier denies tools to payments']);
    const enforced = doc.steps[0]?.modes[0];
    expect(enforced?.verdict).to.equal('allow');
    expect(enforced?.ingress.tiers[0]).to.deep.include({ tier: 'security' });
    expect(enforced?.ingress.tiers[0]?.outcome).to.deep.include({ kind: 'rule', action: 'Pass' });
  });

  it('bad input exits 2 naming the flag and what is wrong, never with a stack trace', async () => {
    const file = scenario('tiered-guardrail.yaml');
    const cases: [string[], string][] = [
      [['--from', 'tools/nope', '--to', 'payments/api', '--port', '80/TCP'], '--from: "tools/nope" is not a pod of'],
      [['--from', 'tools', '--to', 'payments/api', '--port', '80/TCP'], '--from: "tools" must be ns/pod'],
      [['--from', 'tools/debug', '--to', 'payments/nope', '--port', '80/TCP'], '--to: "payments/nope" is not a pod (ns/pod), external (external:NAME) or Service (svc:NS/NAME)'],
      [['--from', 'tools/debug', '--to', 'svc:payments/api', '--port', '80/TCP'], '--to: "svc:payments/api" is not a Service (svc:NS/NAME) of'],
      [['--from', 'tools/debug', '--to', 'payments/api', '--port', '80'], '--port: "80" is not a port: write N/PROTO'],
      [['--from', 'tools/debug', '--to', 'payments/api', '--port', '70000/TCP'], '--port: "70000/TCP" is not a port'],
      [['--from', 'tools/debug', '--to', 'payments/api', '--port', '443/TCP'], '--port: payments/api does not serve 443/TCP; it serves 80/TCP, 80/UDP'],
      [['--from', 'tools/debug', '--to', 'payments/api', '--port', '80/TCP', '--step', 'nope'], '--step: '],
      [['--from', 'tools/debug', '--to', 'payments/api'], 'Missing required argument: port'],
      [['--from', 'tools/debug', '--to', 'payments/api', '--port', '80/TCP', '--format', 'xml'], 'Invalid values'],
    ];
    for (const [args, message] of cases) {
      const r = await query(file, ...args);
      expect(r.code, args.join(' ')).to.equal(2);
      expect(r.stderr, args.join(' ')).to.include(message);
      expect(r.stdout, args.join(' ')).to.equal('');
      noStack(r.stderr);
    }
  });

  it('walks a Service to each backend after DNAT, says a hairpin, and says when it has no backend', async () => {
    const file = scenario('services.yaml');
    const step = "x may reach only the web Service, the db only web's endpoints";
    says(await query(file, '--from', 'y/b', '--to', 'svc:y/web', '--port', '81/TCP', '--step', step), [
      'y/b -> svc:y/web 81/TCP, scenario services',
      `step 2/4: ${step}, backend y/a (after DNAT: y/a 81/TCP)`,
      `step 2/4: ${step}, backend y/b (after DNAT: y/b 81/TCP)`,
      "kube-proxy's hairpin), so its egress and its ingress are both policed",
      '    ingress at y/b',
    ]);
    says(await query(file, '--from', 'x/a', '--to', 'svc:y/web', '--port', '80/TCP', '--step', step), [
      `step 2/4: ${step}, backend y/a (after DNAT: y/a 8080/TCP)`,
      '  enforced: allow, decided in tier default: CalicoNetworkPolicy x/x-egress-to-web rule 0 (Allow)',
    ]);
    says(await query(file, '--from', 'x/a', '--to', 'svc:y/v1', '--port', '80/TCP'), [
      'step 4/4: y/b leaves web, v1 is left without a backend\n  svc:y/v1 has no backend at this step: no pod of y matches version=v1',
    ]);
    const json = await query(file, '--from', 'x/a', '--to', 'svc:y/web', '--port', '81/TCP', '--step', step, '--format', 'json');
    const doc = JSON.parse(json.stdout) as { steps: { backend: string; targetPort: number; hairpin: boolean; modes: { verdict: string }[] }[] };
    expect(doc.steps.map((s) => [s.backend, s.targetPort, s.hairpin, s.modes[0]?.verdict])).to.deep.equal([['y/a', 81, false, 'allow'], ['y/b', 81, false, 'allow']]);
    const bad = await query(file, '--from', 'x/a', '--to', 'svc:y/web', '--port', '8080/TCP');
    expect([bad.code, bad.stderr]).to.deep.equal([2, "tierprobe: --port: svc:y/web has no port 8080/TCP (give the Service's port, not its targetPort); its ports are 80/TCP, 81/TCP\nRun 'tierprobe --help' for usage.\n"]);
  });

  it('a missing scenario file exits 2', async () => {
    const r = await query('no/such.yaml', '--from', 'a/b', '--to', 'a/c', '--port', '80/TCP');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('no/such.yaml: file not found');
  });
});
