import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const wrapper = join(import.meta.dirname, 'runc-caps-wrapper.sh');
const capNames = ['CAP_CHOWN', 'CAP_NET_ADMIN', 'CAP_SYS_ADMIN', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME'];
const capBits: Record<string, number> = { CAP_CHOWN: 0, CAP_NET_ADMIN: 12, CAP_SYS_ADMIN: 21, CAP_SYS_RESOURCE: 24, CAP_SYS_TIME: 25 };

/** The capabilities of capNames this process's bounding set holds. */
async function bounded(): Promise<string[]> {
  const status = await readFile('/proc/self/status', 'utf8');
  const bnd = BigInt(`0x${/CapBnd:\s*([0-9a-f]+)/.exec(status)?.[1] ?? '0'}`);
  return capNames.filter((c) => (bnd >> BigInt(capBits[c] ?? 0)) & 1n);
}

/** Runs the wrapper with `true` standing in for runc; returns the file it left. */
async function wrap(args: (dir: string) => string[], file: string, content: object): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-shim-'));
  await writeFile(join(dir, file), JSON.stringify(content));
  execFileSync('sh', [wrapper, ...args(dir)], { env: { ...process.env, TIERPROBE_REAL_RUNC: 'true' } });
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
}

const caps = { bounding: capNames, effective: capNames, permitted: capNames };

describe('runc capability shim', () => {
  it('create --bundle: keeps exactly the capabilities the host bounding set holds', async () => {
    const spec = await wrap((d) => ['--root', '/run/x', 'create', '--bundle', d, 'id'], 'config.json', { process: { capabilities: caps, args: ['sh'] } });
    const want = await bounded();
    expect(spec).to.deep.equal({ process: { capabilities: { bounding: want, effective: want, permitted: want }, args: ['sh'] } });
  });

  it('exec --process: the same for a process file', async () => {
    const proc = await wrap((d) => ['exec', '--process', join(d, 'p.json'), 'id'], 'p.json', { capabilities: caps });
    const want = await bounded();
    expect(proc).to.deep.equal({ capabilities: { bounding: want, effective: want, permitted: want } });
  });

  it('leaves other commands and their files alone', async () => {
    const spec = await wrap((d) => ['state', d], 'config.json', { process: { capabilities: caps } });
    expect(spec).to.deep.equal({ process: { capabilities: caps } });
  });
});
