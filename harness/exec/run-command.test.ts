import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCommand } from './run-command.ts';

/** Whether a process with this pid still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runCommand: stopped by a signal', () => {
  it('rejects with the signal\'s reason and ends the whole process group, grandchildren included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tierprobe-run-command-'));
    const pidFile = join(dir, 'grandchild.pid');
    const stop = new AbortController();
    // A grandchild in the background, as prepare.sh's downloads and go builds are.
    const running = runCommand('bash', ['-c', `sleep 60 & echo $! > ${pidFile}; wait`], { signal: stop.signal });
    const started = Date.now();
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
      if (Date.now() - started > 10_000) throw new Error('the command did not start');
      await new Promise((r) => setImmediate(r));
    }
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(grandchild)).to.equal(true);
    const reason = new Error('interrupted by SIGINT');
    stop.abort(reason);
    const caught = await running.then(() => undefined, (e: unknown) => e);
    expect(caught).to.equal(reason);
    // SIGTERM to the group: the grandchild goes too (reaped by init shortly after).
    const deadline = Date.now() + 5_000;
    while (alive(grandchild) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(alive(grandchild), `grandchild ${grandchild} still runs`).to.equal(false);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const stop = new AbortController();
    const reason = new Error('stopped before');
    stop.abort(reason);
    const caught = await runCommand('bash', ['-c', 'exit 0'], { signal: stop.signal }).then(() => undefined, (e: unknown) => e);
    expect(caught).to.equal(reason);
  });
});
