import { expect } from 'chai';
import { runCli } from '../cli.ts';

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
});
