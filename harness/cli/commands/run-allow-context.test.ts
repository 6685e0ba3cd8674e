import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextsFromEnv } from '../../cluster/index.ts';
import { runCli } from '../cli.ts';

describe('contextsFromEnv (TIERPROBE_ALLOW_CONTEXTS)', () => {
  it('splits on commas and any whitespace, dropping empty entries', () => {
    expect(contextsFromEnv({ TIERPROBE_ALLOW_CONTEXTS: 'staging,prod' })).to.deep.equal(['staging', 'prod']);
    expect(contextsFromEnv({ TIERPROBE_ALLOW_CONTEXTS: ' staging ,, prod\tkind-a\nkind-b ' })).to.deep.equal(['staging', 'prod', 'kind-a', 'kind-b']);
  });

  it('allows nothing when unset or blank', () => {
    expect(contextsFromEnv({})).to.deep.equal([]);
    expect(contextsFromEnv({ TIERPROBE_ALLOW_CONTEXTS: ' , ' })).to.deep.equal([]);
  });
});

// The kubeconfig names only kind-other (its current context), never the scenario's context:
// a run that got past the allow-list would stop at "no context" and touch nothing either way.
const kubeconfig = `apiVersion: v1
kind: Config
current-context: kind-other
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: kind-other, context: {cluster: c, user: u}}]
`;
const scenario = (context: string | undefined) => `apiVersion: tierprobe/v1alpha1
kind: Scenario
metadata: {name: allow-list}
cluster:
  provider: existing
${context ? `  context: ${context}\n` : ''}namespaces:
  - name: a
    pods: [{name: p}]
steps:
  - name: baseline
    expect: {default: allow}
`;

describe('tierprobe run on provider: existing refuses a context not allowed (exit 2)', () => {
  const saved = { KUBECONFIG: process.env['KUBECONFIG'], TIERPROBE_ALLOW_CONTEXTS: process.env['TIERPROBE_ALLOW_CONTEXTS'] };
  let dir = '';
  const restore = (name: keyof typeof saved) => {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tierprobe-allow-'));
    await writeFile(join(dir, 'kubeconfig'), kubeconfig);
    process.env['KUBECONFIG'] = join(dir, 'kubeconfig');
  });
  afterEach(async () => {
    restore('KUBECONFIG');
    restore('TIERPROBE_ALLOW_CONTEXTS');
    await rm(dir, { recursive: true, force: true });
  });

  async function run(context: string | undefined, allowEnv: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
    process.env['TIERPROBE_ALLOW_CONTEXTS'] = allowEnv;
    const file = join(dir, 'scenario.yaml');
    await writeFile(file, scenario(context));
    let stderr = '';
    const code = await runCli(['run', file, '--out', join(dir, 'out'), ...args], { stdout: () => undefined, stderr: (t) => { stderr += t; } });
    return { code, stderr };
  }

  it('names the context and how to allow it, when neither --allow-context nor the variable lists it', async () => {
    const r = await run('staging', 'prod, kind-other', '--allow-context', 'dev');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('context "staging" is not allowed: tierprobe creates and deletes resources there. '
      + 'Allow it with --allow-context staging or TIERPROBE_ALLOW_CONTEXTS=staging');
  });

  it('without cluster.context, checks the kubeconfig\'s current context', async () => {
    const r = await run(undefined, '');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('context "kind-other" is not allowed');
  });

  it('a context the variable or --allow-context lists gets past the allow-list (here to "no such context")', async () => {
    for (const [env, args] of [['prod staging', []], ['', ['--allow-context', 'staging']]] as const) {
      const r = await run('staging', env, ...args);
      expect(r.code, r.stderr).to.equal(2);
      expect(r.stderr).to.include('no context "staging" in the kubeconfig').and.not.include('is not allowed');
    }
  });
});
