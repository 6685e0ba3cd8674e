import { expect } from 'chai';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../cli.ts';
import { loadSigningKey } from '../../evidence/signing-keys.ts';
import { writeEvidence } from '../../evidence/write-evidence.ts';
import { tempDir, writeKeyPair, writeSampleBundle } from '../../evidence/bundle.test-helper.ts';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** A bundle as run writes it, under root/name; signed with keyFile when given. */
async function bundle(root: string, name: string, keyFile?: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeSampleBundle(dir);
  await writeEvidence(dir, 'scenario two-steps on kind-tierprobe\n', keyFile ? await loadSigningKey(keyFile) : undefined);
  return dir;
}

/** Every path under dir with its size and mtime: what verify must leave as it was. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return Promise.all(entries.sort().map(async (e) => {
    const s = await stat(join(dir, e));
    return `${e} ${s.size} ${s.mtimeMs}`;
  }));
}

describe('tierprobe verify', () => {
  it('an intact unsigned bundle: exit 0, and it says what an unsigned MANIFEST is worth; nothing is written', async () => {
    await using tmp = await tempDir();
    const dir = await bundle(tmp.path, 's');
    const before = await snapshot(tmp.path);
    const r = await cli('verify', dir);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`${dir}: files intact: the 7 files MANIFEST lists hash as listed, and there are no others`)
      .and.contain('It is not signed: it guards against accidental change only');
    expect(r.stdout).to.not.contain('NOT verified');
    expect(await snapshot(tmp.path)).to.deep.equal(before);
  });

  it('a one-byte edit, an added and a removed file: exit 1, each named', async () => {
    await using tmp = await tempDir();
    const dir = await bundle(tmp.path, 's');
    await appendFile(join(dir, 'report.md'), 'x');
    await writeFile(join(dir, 'policies/new.yaml'), 'kind: NetworkPolicy\n');
    await rm(join(dir, 'run.log'));
    const r = await cli('verify', dir);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain(`${dir}: DIFFERS from its MANIFEST: 1 changed, 1 added, 1 removed (MANIFEST lists 7 files)`)
      .and.match(/^ {2}changed {2}report\.md \(sha256 [0-9a-f]{64}, MANIFEST says [0-9a-f]{64}\)$/m)
      .and.match(/^ {2}added {4}policies\/new\.yaml$/m)
      .and.match(/^ {2}removed {2}run\.log$/m)
      .and.contain('=> bundle NOT verified');
  });

  it('a signed bundle: exit 0 with the signer\'s key; exit 1 with another key, or with none', async () => {
    await using tmp = await tempDir();
    const keys = join(tmp.path, 'keys');
    await mkdir(keys);
    const signer = await writeKeyPair(keys, 'signer');
    const other = await writeKeyPair(keys, 'other');
    const dir = await bundle(tmp.path, 's', signer.privateKey);
    const fingerprint = (await loadSigningKey(signer.privateKey)).fingerprint;

    const good = await cli('verify', dir, '--public-key', signer.publicKey);
    expect(good.code, good.stdout + good.stderr).to.equal(0);
    expect(good.stdout).to.contain(`signature: verified (ed25519) with the given key, fingerprint ${fingerprint}`)
      .and.contain(`is signed (MANIFEST.sig) with the key whose fingerprint is ${fingerprint}`);

    const wrong = await cli('verify', dir, '--public-key', other.publicKey);
    expect(wrong.code).to.equal(1);
    expect(wrong.stdout).to.contain(`signature: made by the key with fingerprint ${fingerprint}, not by the one given`).and.contain('(the files are intact, the signature is not accepted)');

    const none = await cli('verify', dir);
    expect(none.code).to.equal(1);
    expect(none.stdout).to.contain(`by the key with fingerprint ${fingerprint}, but no --public-key was given, so it was NOT checked`);
  });

  it('a MANIFEST edited after signing: exit 1, a bad signature', async () => {
    await using tmp = await tempDir();
    const signer = await writeKeyPair(tmp.path, 'signer');
    const dir = await bundle(tmp.path, 's', signer.privateKey);
    await rm(join(dir, 'junit.xml'));
    // Drop junit.xml's line, as someone covering the removal would.
    const manifest = await readFile(join(dir, 'MANIFEST'), 'utf8');
    await writeFile(join(dir, 'MANIFEST'), manifest.split('\n').filter((l) => !l.endsWith('  junit.xml')).join('\n'));
    const r = await cli('verify', dir, '--public-key', signer.publicKey);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain('files intact').and.contain('signature: BAD').and.contain('NOT verified');
  });

  it('the --out directory: each scenario\'s bundle is checked, and a directory without MANIFEST fails', async () => {
    await using tmp = await tempDir();
    await bundle(tmp.path, 'alpha');
    const beta = await bundle(tmp.path, 'beta');
    const ok = await cli('verify', tmp.path);
    expect(ok.code).to.equal(0);
    expect(ok.stdout).to.contain(`${tmp.path} is not a bundle but holds 2 (directories with a MANIFEST); each is checked: alpha, beta`).and.contain('2 of 2 bundles intact');

    await appendFile(join(beta, 'results.json'), ' ');
    await mkdir(join(tmp.path, 'gamma'));
    await writeFile(join(tmp.path, 'notes.txt'), 'mine\n');
    const bad = await cli('verify', tmp.path);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.contain(`${join(tmp.path, 'alpha')}: files intact`).and.contain(`${beta}: DIFFERS`)
      .and.contain(`${tmp.path}/gamma/: no MANIFEST, so nothing in it can be checked`)
      .and.contain(`not covered by any MANIFEST (files directly in ${tmp.path}): notes.txt`)
      .and.contain('1 of 2 bundles intact, 1 directory without a MANIFEST');
  });

  describe('bad input: exit 2, naming the file', () => {
    it('a missing directory, a file, a directory with no MANIFEST', async () => {
      await using tmp = await tempDir();
      const missing = await cli('verify', join(tmp.path, 'nope'));
      expect(missing).to.include({ code: 2 });
      expect(missing.stderr).to.contain(`${join(tmp.path, 'nope')}: no such directory`);
      await writeFile(join(tmp.path, 'f'), '');
      expect((await cli('verify', join(tmp.path, 'f'))).stderr).to.contain(`${join(tmp.path, 'f')}: not a directory`);
      await mkdir(join(tmp.path, 'empty/sub'), { recursive: true });
      const empty = await cli('verify', join(tmp.path, 'empty'));
      expect(empty.code).to.equal(2);
      expect(empty.stderr).to.contain(`${join(tmp.path, 'empty')}: no MANIFEST in it nor in any directory directly under it`);
    });

    it('a malformed MANIFEST line: file:line, and nothing is hashed', async () => {
      await using tmp = await tempDir();
      const dir = await bundle(tmp.path, 's');
      await appendFile(join(dir, 'MANIFEST'), 'deadbeef  short.txt\n');
      const r = await cli('verify', dir);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain(`${join(dir, 'MANIFEST')}:8: not a MANIFEST line`).and.contain('1 problem in 1 file');
      expect(r.stdout).to.equal('');
    });

    it('a malformed MANIFEST.sig, and a bad --public-key: both told at once', async () => {
      await using tmp = await tempDir();
      const signer = await writeKeyPair(tmp.path, 'signer');
      const dir = await bundle(tmp.path, 's', signer.privateKey);
      await writeFile(join(dir, 'MANIFEST.sig'), '{"format":"tierprobe-manifest-signature/1"}');
      const badKey = join(tmp.path, 'bad.pub');
      await writeFile(badKey, '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n');
      const r = await cli('verify', dir, '--public-key', badKey);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain(`${badKey}: not a PEM public key`)
        .and.contain(`${join(dir, 'MANIFEST.sig')}: algorithm:`).and.contain(`${join(dir, 'MANIFEST.sig')}: signature:`)
        .and.contain('in 2 files');
    });
  });
});
