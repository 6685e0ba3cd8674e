import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const launcher = join(import.meta.dirname, 'tierprobe.js');
// The machine's own Node (Debian's), which npx and the bin's shebang meet before npm ci.
const systemNode = '/usr/bin/node';

describe('the bin (harness/cli/tierprobe.js) on an older Node', () => {
  it('says it needs Node 24 and what to run, exit 3, no stack trace', async function () {
    if (!existsSync(systemNode)) this.skip();
    const { stdout: version } = await run(systemNode, ['--version']);
    if (Number(version.trim().replace(/^v/, '').split('.')[0]) >= 24) this.skip();
    const r = await run(systemNode, [launcher, '--help']).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(r.code).to.equal(3);
    expect(r.stderr).to.include(`needs Node 24 or later; this is Node ${version.trim().replace(/^v/, '')}`).and.include('run npm ci');
    expect(r.stderr).to.not.match(/^\s+at /m);
  });

  it('runs on this Node (24) in a checkout', async () => {
    const { stdout } = await run(process.execPath, [launcher, '--help']);
    expect(stdout).to.include('tierprobe <command> [options]');
  });
});
