import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveRun, stepNames } from './live-run.test-helper.ts';
import { writeRunBundle } from './write-bundle.ts';

describe('a run\'s bundle', () => {
  it('writes the outputs, then run.log and a MANIFEST listing them, in DIR/<scenario>/', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tierprobe-bundle-'));
    try {
      const lines: string[] = [];
      const log = { write: (t: string) => { lines.push(t); }, text: () => 'a line\n' };
      const b = await writeRunBundle(out, liveRun({ steps: 2 }), stepNames, log);
      expect(b.dir).to.equal(join(out, 'two-steps'));
      expect(b.signed).to.equal(false);
      expect(existsSync(join(b.dir, 'MANIFEST'))).to.equal(true);
      expect(readFileSync(join(b.dir, 'MANIFEST'), 'utf8')).to.contain('results.json').and.contain('run.log');
      expect(readFileSync(join(b.dir, 'run.log'), 'utf8')).to.equal('a line\n');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
