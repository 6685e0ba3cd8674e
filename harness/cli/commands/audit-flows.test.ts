import { expect } from 'chai';
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli.ts';

const shop = new URL('../../audit/testdata/shop', import.meta.url).pathname;

// A kubeconfig whose one context points at a closed port: what gets past the checks fails as
// the environment (exit 3), and nothing is ever reached.
const kubeconfig = `apiVersion: v1
kind: Config
current-context: kind-other
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: kind-other, context: {cluster: c, user: u}}]
`;

describe('tierprobe audit-flows: exit codes before any flow is read', () => {
  let dir = '';
  const saved = process.env['TIERPROBE_ALLOW_CONTEXTS'];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tierprobe-audit-cli-'));
    await writeFile(join(dir, 'kubeconfig'), kubeconfig);
    delete process.env['TIERPROBE_ALLOW_CONTEXTS'];
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env['TIERPROBE_ALLOW_CONTEXTS']; else process.env['TIERPROBE_ALLOW_CONTEXTS'] = saved;
    await rm(dir, { recursive: true, force: true });
  });
  async function audit(...args: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = '';
    const code = await runCli(['audit-flows', '--kubeconfig', join(dir, 'kubeconfig'), ...args], { stdout: () => undefined, stderr: (t) => { stderr += t; } });
    return { code, stderr };
  }

  it('a context not allowed: 2, naming how to allow it', async () => {
    const r = await audit('--context', 'kind-other', '--capture', shop);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('context "kind-other" is not allowed').and.include('--allow-context kind-other');
  });

  it('bad input is 2 before the cluster is asked: --since, a capture without its pods map, a pods map naming no pod of the scenario, a context the kubeconfig lacks', async () => {
    expect((await audit('--context', 'kind-other', '--allow-context', 'kind-other', '--since', '15', '--capture', shop)).stderr).to.include('--since 15: a duration');
    const noMap = join(dir, 'no-map');
    await cp(shop, noMap, { recursive: true });
    await rm(join(noMap, 'pods-map.json'));
    const r1 = await audit('--context', 'kind-other', '--capture', noMap);
    expect(r1.code).to.equal(2);
    expect(r1.stderr).to.include('pods-map.json').and.include('cannot read the pods map');
    const stray = join(dir, 'stray');
    await cp(shop, stray, { recursive: true });
    await writeFile(join(stray, 'pods-map.json'), JSON.stringify({ context: 'c', representatives: { 'shop/cache': ['shop/cache-0'] }, podCIDR: [], serviceCIDR: [] }));
    const r2 = await audit('--context', 'kind-other', '--capture', stray);
    expect(r2.code).to.equal(2);
    expect(r2.stderr).to.include('shop/cache is no pod of');
    const r3 = await audit('--context', 'staging', '--allow-context', 'staging', '--capture', shop);
    expect(r3.code).to.equal(2);
    expect(r3.stderr).to.include('no context "staging"');
  });

  it('an API server that does not answer: 3, saying what to run', async () => {
    const r = await audit('--context', 'kind-other', '--allow-context', 'kind-other', '--capture', shop);
    expect(r.code, r.stderr).to.equal(3);
    expect(r.stderr).to.include('does not answer').and.include('kubectl --context kind-other get nodes');
  });
});
