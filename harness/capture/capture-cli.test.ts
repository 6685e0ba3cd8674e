// The CLI around a capture, offline: bad input before anything is read (exit 2), and whatif on a
// capture directory counting real pods through its pods map.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../cli/cli.ts';
import { buildCapture } from './build-capture.ts';
import { replayDefaults } from './capture.ts';
import { writeCapture } from './write-capture.ts';
import type { ClusterDump } from './types.ts';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('tierprobe capture: bad input (exit 2) and a cluster that does not answer (exit 3); nothing read', () => {
  let kubeconfig = '';
  before(async () => {
    kubeconfig = join(await mkdtemp(join(tmpdir(), 'tierprobe-capture-cli-')), 'kubeconfig');
    await writeFile(kubeconfig, ['apiVersion: v1', 'kind: Config', 'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
      'users: [{name: u, user: {token: t}}]', 'contexts: [{name: prod, context: {cluster: c, user: u}}]', 'current-context: prod', ''].join('\n'));
  });
  const saved = process.env['TIERPROBE_ALLOW_CONTEXTS'];
  beforeEach(() => { delete process.env['TIERPROBE_ALLOW_CONTEXTS']; });
  after(() => { if (saved !== undefined) process.env['TIERPROBE_ALLOW_CONTEXTS'] = saved; });

  it('a context not allowed is named, with how to allow it', async () => {
    const r = await cli('capture', '--context', 'prod', '--kubeconfig', kubeconfig, '--all-namespaces', '--out', '/nonexistent/x');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('context "prod" is not allowed').and.include('--allow-context prod or TIERPROBE_ALLOW_CONTEXTS=prod');
  });

  it('a context the kubeconfig lacks, both or neither namespace choice, --include-system alone', async () => {
    const base = ['capture', '--kubeconfig', kubeconfig, '--out', '/nonexistent/x', '--allow-context', 'prod', '--allow-context', 'staging'];
    const missing = await cli(...base, '--context', 'staging', '--all-namespaces');
    expect([missing.code, missing.stderr]).to.satisfy(([c, e]: [number, string]) => c === 2 && e.includes('no context "staging"') && e.includes('it has: prod'));
    const both = await cli(...base, '--context', 'prod', '--all-namespaces', '--namespaces', 'a');
    expect(both.code).to.equal(2);
    expect(both.stderr).to.include('not both');
    const neither = await cli(...base, '--context', 'prod');
    expect(neither.code).to.equal(2);
    expect(neither.stderr).to.include('--namespaces a,b or --all-namespaces');
    const system = await cli(...base, '--context', 'prod', '--namespaces', 'a', '--include-system');
    expect(system.code).to.equal(2);
  });

  it('an API server that does not answer: exit 3, named, with what to run, before any image is prepared; nothing written', async () => {
    const dead = join(import.meta.dirname, '..', 'whatif', 'testdata', 'kubeconfig-one-context.yaml');
    const out = join(await mkdtemp(join(tmpdir(), 'tierprobe-capture-dead-')), 'cap');
    for (const args of [['capture', '--out', out], ['whatif', join(import.meta.dirname, 'testdata', 'change-lift-isolation.yaml')]]) {
      const r = await cli(...args, '--context', 'only-this', '--kubeconfig', dead, '--allow-context', 'only-this', '--namespaces', 'a');
      expect(r.code, r.stderr).to.equal(3);
      expect(r.stderr).to.include('the API server of context "only-this" does not answer').and.include('kubectl --context only-this get namespaces');
      expect(r.stderr).to.not.match(/\[prepare|^\s+at /m);
      expect(r.stdout).to.equal('');
    }
    expect(await readdir(dirname(out))).to.deep.equal([]);
  });
});

describe('tierprobe whatif on a capture directory', () => {
  it('takes DIR/scenario.yaml and counts the real pods of each flip through pods-map.json', async () => {
    const dump = JSON.parse(await readFile(join(import.meta.dirname, 'testdata', 'dump-prod-eu.json'), 'utf8')) as ClusterDump;
    const dir = await mkdtemp(join(tmpdir(), 'tierprobe-capture-whatif-'));
    await writeCapture(dir, buildCapture(dump, { namespaces: 'all', context: 'prod-eu' }, await replayDefaults()));
    const r = await cli('whatif', dir, join(import.meta.dirname, 'testdata', 'change-lift-isolation.yaml'));
    expect(r.code, r.stderr).to.equal(0);
    // Only web opens for ops (shop's own policy allows 8080 there; the BANP denies the rest): two
    // probe pods, web and web-2, which stand for 1 and 3 real pods.
    expect(r.stdout).to.include('ops/toolbox -> shop/web-2 8080/TCP  ✗ deny → ✓ allow');
    expect(r.stdout).to.include('through pods-map.json (captured from prod-eu): 2 enforced flip(s) stand for 4 real cell(s), from 1 real pod(s) to 4');
  });
});
