// explain on a matrix past the table limit, as a user runs it: the real executable, its stdout
// a pipe (slow readers included), the json complete and the table summarised.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchScenario } from '../../../bench/generate-cluster.ts';

const main = join(import.meta.dirname, '..', 'main.ts');

function explain(args: string[], o: { stopAfterBytes?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, 'explain', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      size += b.length;
      if (o.stopAfterBytes !== undefined && size >= o.stopAfterBytes) child.stdout.destroy();
    });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr }));
  });
}

describe('explain past the table limit (110 pods, 49,280 cells)', function () {
  this.timeout(120_000);
  let dir = '';
  let file = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tierprobe-explain-big-'));
    file = writeBenchScenario(dir, { namespaces: 11, podsPerNamespace: 10, staged: false });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json through a pipe is one complete document with every cell', async () => {
    const r = await explain([file, '--format', 'json']);
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    const doc = JSON.parse(r.stdout) as { steps: { cells: unknown[] }[] };
    expect(doc.steps[0]?.cells.length).to.equal(49_280);
  });

  it('a reader that stops early ends the output quietly, with no stack trace', async () => {
    const r = await explain([file, '--format', 'json'], { stopAfterBytes: 4096 });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
  });

  it('the table gives way to counts per port that add up to every cell, and says how to see them', async () => {
    const r = await explain([file]);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.include('too many cells for a table (49,280 cells per step, more than 40,000)');
    expect(r.stdout).to.include('Every cell: --format json');
    const counts = [...r.stdout.matchAll(/^ {2}\d+\/(TCP|UDP) +allow ([\d,]+), deny ([\d,]+)$/gm)].map((m) => Number(m[2]?.replaceAll(',', '')) + Number(m[3]?.replaceAll(',', '')));
    expect(counts).to.have.length(4);
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(49_280);
  });
});
