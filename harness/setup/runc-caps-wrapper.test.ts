import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const wrapper = join(import.meta.dirname, 'runc-caps-wrapper.sh');
const capNames = ['CAP_CHOWN', 'CAP_NET_ADMIN', 'CAP_SYS_ADMIN', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME'];
const capBits: Record<string, number> = { CAP_CHOWN: 0, CAP_NET_ADMIN: 12, CAP_SYS_ADMIN: 21, CAP_SYS_RESOURCE: 24, CAP_SYS_TIME: 25 };
/** Capabilities 0..40 (every one the wrapper knows), as /proc/self/status writes the set. */
const full = (1n << 41n) - 1n;
const hex = (set: bigint) => set.toString(16).padStart(16, '0');
/** A host bounding set without these capabilities. */
const without = (...caps: string[]) => hex(caps.reduce((set, c) => set & ~(1n << BigInt(capBits[c] ?? 0)), full));

/** The capabilities of capNames this process's bounding set holds. */
async function bounded(): Promise<string[]> {
  const status = await readFile('/proc/self/status', 'utf8');
  const bnd = BigInt(`0x${/CapBnd:\s*([0-9a-f]+)/.exec(status)?.[1] ?? '0'}`);
  return capNames.filter((c) => (bnd >> BigInt(capBits[c] ?? 0)) & 1n);
}

interface Wrapped { text: string; json: unknown; runcArgs: string[] }

/**
 * Runs the wrapper on a file holding `text`, with a stand-in runc that records its arguments,
 * and the host bounding set `bnd` (hex; undefined: the real one). Returns the file it left.
 */
async function wrap(args: (dir: string) => string[], file: string, text: string, bnd: string | undefined): Promise<Wrapped> {
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-shim-'));
  try {
    await writeFile(join(dir, file), text);
    const runc = join(dir, 'runc');
    await writeFile(runc, `#!/bin/sh\nprintf '%s\\n' "$@" > '${join(dir, 'runc-args')}'\n`, { mode: 0o755 });
    const { TIERPROBE_CAP_BND: _, ...env } = process.env;
    execFileSync('sh', [wrapper, ...args(dir)], { env: { ...env, TIERPROBE_REAL_RUNC: runc, ...(bnd === undefined ? {} : { TIERPROBE_CAP_BND: bnd }) } });
    const left = await readFile(join(dir, file), 'utf8');
    const runcArgs = (await readFile(join(dir, 'runc-args'), 'utf8')).split('\n').slice(0, -1).map((a) => a.replace(dir, 'DIR'));
    return { text: left, json: JSON.parse(left), runcArgs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const caps = { bounding: capNames, effective: capNames, permitted: capNames, inheritable: ['CAP_SYS_RESOURCE'], ambient: ['CAP_CHOWN'] };
const spec = { ociVersion: '1.2.0', process: { capabilities: caps, args: ['sh'] }, root: { path: 'rootfs' } };
const capsSchema = z.object({ process: z.object({ capabilities: z.record(z.string(), z.array(z.string())) }) });
// Laid out unlike jq would write it, so a file jq rewrote is told apart from one left alone.
const layout = (o: object) => JSON.stringify(o, null, 3);

describe('runc capability shim', () => {
  it('create --bundle: removes a capability the host lacks from every set, and keeps the rest of the spec', async () => {
    const out = await wrap((d) => ['--root', '/run/x', 'create', '--bundle', d, 'id'], 'config.json', layout(spec), without('CAP_SYS_RESOURCE'));
    const kept = capNames.filter((c) => c !== 'CAP_SYS_RESOURCE');
    expect(out.json).to.deep.equal({ ...spec, process: { capabilities: { bounding: kept, effective: kept, permitted: kept, inheritable: [], ambient: ['CAP_CHOWN'] }, args: ['sh'] } });
    expect(out.runcArgs).to.deep.equal(['--root', '/run/x', 'create', '--bundle', 'DIR', 'id']);
  });

  it('run -b and --bundle=: the same, for each capability the host lacks', async () => {
    const lacks = without('CAP_SYS_RESOURCE', 'CAP_NET_ADMIN');
    for (const args of [(d: string) => ['run', '-b', d, 'id'], (d: string) => ['run', `--bundle=${d}`, 'id']]) {
      const out = await wrap(args, 'config.json', layout(spec), lacks);
      expect(capsSchema.parse(out.json).process.capabilities.bounding).to.deep.equal(['CAP_CHOWN', 'CAP_SYS_ADMIN', 'CAP_SYS_TIME']);
    }
  });

  it('exec --process: the same for a process file', async () => {
    const out = await wrap((d) => ['exec', '--process', join(d, 'p.json'), 'id'], 'p.json', layout({ capabilities: caps }), without('CAP_SYS_TIME'));
    const kept = capNames.filter((c) => c !== 'CAP_SYS_TIME');
    expect(out.json).to.deep.equal({ capabilities: { ...caps, bounding: kept, effective: kept, permitted: kept } });
    expect(out.runcArgs).to.deep.equal(['exec', '--process', 'DIR/p.json', 'id']);
  });

  it('a host that lacks nothing: the spec is left byte for byte, and runc gets the same arguments', async () => {
    const text = layout(spec);
    const out = await wrap((d) => ['create', '--bundle', d, 'id'], 'config.json', text, hex(full));
    expect(out.text).to.equal(text);
    expect(out.runcArgs).to.deep.equal(['create', '--bundle', 'DIR', 'id']);
  });

  it('leaves other commands and their files alone, even on a host that lacks capabilities', async () => {
    const text = layout(spec);
    const out = await wrap((d) => ['state', d], 'config.json', text, without('CAP_SYS_RESOURCE'));
    expect(out.text).to.equal(text);
    expect(out.runcArgs).to.deep.equal(['state', 'DIR']);
  });

  it('without TIERPROBE_CAP_BND, keeps exactly what this host\'s bounding set holds', async () => {
    const out = await wrap((d) => ['create', '--bundle', d, 'id'], 'config.json', layout(spec), undefined);
    const want = await bounded();
    expect(capsSchema.parse(out.json).process.capabilities).to.deep.include({ bounding: want, effective: want, permitted: want });
  });
});
