import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { bounded } from './collect-diagnostics.ts';
import { writeDiagnostics } from './write-diagnostics.ts';

describe('diagnostics files', () => {
  it('writes every file under diagnostics/, with a README that says why and lists them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tierprobe-diag-'));
    const files = new Map([['logs/kube-system_calico-node-x_calico-node.log', 'felix says\n'], ['status/nodes.json', '[]\n']]);
    const at = await writeDiagnostics(dir, 'the run failed: boom', files);
    expect(at).to.equal(join(dir, 'diagnostics'));
    expect(await readFile(join(at, 'logs', 'kube-system_calico-node-x_calico-node.log'), 'utf8')).to.equal('felix says\n');
    expect((await readdir(at)).sort()).to.deep.equal(['README.txt', 'logs', 'status']);
    expect(await readFile(join(at, 'README.txt'), 'utf8')).to.equal(
      "Collected because the run failed: boom, before cleanup removed the run's objects.\n\nlogs/kube-system_calico-node-x_calico-node.log\nstatus/nodes.json\n");
  });

  it('bounds a file and says where it was cut', () => {
    expect(bounded('short', 10)).to.equal('short');
    const cut = bounded('x'.repeat(50), 10);
    expect(cut).to.equal(`${'x'.repeat(10)}\n... cut at 10 bytes (of 50)\n`);
  });
});
