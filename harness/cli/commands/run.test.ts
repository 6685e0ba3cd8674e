import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../cli.ts';
import { tempDir, writeKeyPair } from '../../evidence/bundle.test-helper.ts';

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(args, { stdout: () => undefined, stderr: (t) => { stderr += t; } });
  return { code, stderr };
}

describe('tierprobe run: bad input and usage never reach a cluster (exit 2)', () => {
  it('wants at least one scenario', async () => {
    expect(await cli('run')).to.deep.include({ code: 2 });
  });

  it('refuses timeouts and budgets that are not positive numbers', async () => {
    const r = await cli('run', 'scenarios/default-deny.yaml', '--converge-timeout', '0');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('--converge-timeout must be a positive number');
  });

  it('checks every file, policies included, before opening a session', async () => {
    const r = await cli('run', 'scenarios/default-deny.yaml', 'harness/scenario/testdata/invalid-model-selector.yaml', 'no/such.yaml');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/no\/such\.yaml/).and.match(/invalid-model-selector\.yaml:\d+:\d+/).and.match(/problems in 2 files/);
    expect(r.stderr).to.not.match(/kind cluster|creating|loading/);
  });

  it('warns, with its location, about an ANP namedPort while checking the files', async () => {
    const r = await cli('run', 'harness/scenario/testdata/valid-anp-named-port.yaml', 'harness/scenario/testdata/invalid-model-selector.yaml');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^warning: harness\/scenario\/testdata\/valid-anp-named-port\.yaml:28:65: spec\.ingress\[0\]\.ports\[1\]\.namedPort: AdminNetworkPolicy deny-http ingress\[0\]\.ports\[1\]: namedPort "http"/m);
    expect(r.stderr).to.match(/1 problem in 1 file/);
  });

  it('reads --sign-key with the files: a bad key is told with every other problem, before any cluster', async () => {
    await using tmp = await tempDir();
    const pub = (await writeKeyPair(tmp.path, 'k')).publicKey;
    const r = await cli('run', 'scenarios/default-deny.yaml', 'no/such.yaml', '--sign-key', pub);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain(`${pub}: it holds a public key; --sign-key takes the private key`).and.match(/no\/such\.yaml/).and.match(/2 problems in 2 files/);
    expect(r.stderr).to.not.match(/kind cluster|creating|loading/);
  });

  it('takes the key from TIERPROBE_SIGN_KEY too', async () => {
    await using tmp = await tempDir();
    const garbage = join(tmp.path, 'garbage.pem');
    await writeFile(garbage, 'not a key\n');
    const saved = process.env['TIERPROBE_SIGN_KEY'];
    process.env['TIERPROBE_SIGN_KEY'] = garbage;
    try {
      const r = await cli('run', 'harness/scenario/testdata/invalid-model-selector.yaml');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain(`${garbage}: not a PEM private key node:crypto can read`).and.match(/2 problems in 2 files/);
    } finally {
      if (saved === undefined) delete process.env['TIERPROBE_SIGN_KEY'];
      else process.env['TIERPROBE_SIGN_KEY'] = saved;
    }
  });
});
