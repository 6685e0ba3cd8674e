import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { appendFile, chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkBundle, loadBundle, type BundleCheck } from './check-bundle.ts';
import { hashFile } from './bundle-files.ts';
import { bundleOk } from './verify-report.ts';
import { loadSigningKey, loadVerifyingKey, type BundleKey } from './signing-keys.ts';
import { teeRunLog } from './run-log.ts';
import { clearPreviousEvidence, writeEvidence } from './write-evidence.ts';
import { tempDir, writeKeyPair, writeSampleBundle } from './bundle.test-helper.ts';

const run = promisify(execFile);

async function check(dir: string, key?: BundleKey): Promise<BundleCheck> {
  return checkBundle(await loadBundle(dir), key);
}

describe('the evidence bundle: run.log, MANIFEST, MANIFEST.sig, and checking them', () => {
  it('MANIFEST lists every file but itself, recursive and sorted, run.log included; the bundle checks intact', async () => {
    await using tmp = await tempDir();
    const files = await writeSampleBundle(tmp.path);
    const log = teeRunLog(() => undefined);
    log.write('deploying 2 pods\n');
    log.write('warning: slow\n');
    const written = await writeEvidence(tmp.path, log.text());
    expect(written).to.deep.equal({ listed: files.length + 1, signed: false, unlisted: [] });
    expect(await readFile(join(tmp.path, 'run.log'), 'utf8')).to.equal('deploying 2 pods\nwarning: slow\n');
    const manifest = await readFile(join(tmp.path, 'MANIFEST'), 'utf8');
    const paths = manifest.trimEnd().split('\n').map((l) => l.slice(66));
    expect(paths).to.deep.equal([...files, 'run.log'].sort());
    expect(manifest).to.contain(`${await hashFile(join(tmp.path, 'report.md'))}  report.md\n`);
    const c = await check(tmp.path);
    expect(c.diff).to.deep.equal({ changed: [], added: [], removed: [] });
    expect(c.signature).to.deep.equal({ state: 'unsigned' });
    expect(bundleOk(c)).to.equal(true);
  });

  it('the real sha256sum -c agrees: all OK, then FAILED for an edited file', async () => {
    await using tmp = await tempDir();
    await writeSampleBundle(tmp.path);
    await writeEvidence(tmp.path, 'log\n');
    const ok = await run('sha256sum', ['-c', '--strict', 'MANIFEST'], { cwd: tmp.path });
    expect(ok.stdout).to.contain('diagnostics/pods/x a.txt: OK').and.contain('run.log: OK').and.not.contain('FAILED');
    await appendFile(join(tmp.path, 'junit.xml'), ' ');
    const bad = await run('sha256sum', ['-c', 'MANIFEST'], { cwd: tmp.path }).then(() => undefined, (e: { code: number; stdout: string }) => e);
    expect(bad?.code).to.equal(1);
    expect(bad?.stdout).to.contain('junit.xml: FAILED');
    expect((await check(tmp.path)).diff.changed.map((f) => f.path)).to.deep.equal(['junit.xml']);
  });

  it('a one-byte edit is named as changed, with both hashes', async () => {
    await using tmp = await tempDir();
    await writeSampleBundle(tmp.path);
    await writeEvidence(tmp.path, '');
    const path = join(tmp.path, 'policies/01-baseline/01-apply-networkpolicy-x-deny.yaml');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('N', 'M'));
    const c = await check(tmp.path);
    expect(c.diff.changed).to.have.length(1);
    expect(c.diff.changed[0]?.path).to.equal('policies/01-baseline/01-apply-networkpolicy-x-deny.yaml');
    expect(c.diff.changed[0]?.why).to.match(/^sha256 [0-9a-f]{64}, MANIFEST says [0-9a-f]{64}$/);
    expect(bundleOk(c)).to.equal(false);
  });

  it('an added file, a removed file and a file turned into a link are each named', async () => {
    await using tmp = await tempDir();
    await writeSampleBundle(tmp.path);
    await writeEvidence(tmp.path, '');
    await mkdir(join(tmp.path, 'extra'));
    await writeFile(join(tmp.path, 'extra/notes.txt'), 'added later\n');
    await rm(join(tmp.path, 'results.json'));
    await rm(join(tmp.path, 'report.md'));
    await symlink('junit.xml', join(tmp.path, 'report.md'));
    const c = await check(tmp.path);
    expect(c.diff).to.deep.equal({
      changed: [{ path: 'report.md', why: 'now a symbolic link, not a regular file' }],
      added: [{ path: 'extra/notes.txt' }],
      removed: ['results.json'],
    });
  });

  it('a listed file that cannot be read is named as changed, not a crash', async function () {
    // root reads every file whatever its mode.
    if (process.getuid?.() === 0) this.skip();
    await using tmp = await tempDir();
    await writeSampleBundle(tmp.path);
    await writeEvidence(tmp.path, '');
    await chmod(join(tmp.path, 'results.json'), 0o000);
    const c = await check(tmp.path);
    expect(c.diff.changed).to.deep.equal([{ path: 'results.json', why: 'cannot be read now: EACCES' }]);
  });

  it('signed: verifies with the signer\'s public key; another key, no key, or a re-hashed MANIFEST do not pass', async () => {
    await using tmp = await tempDir();
    const bundle = join(tmp.path, 'b');
    await mkdir(bundle);
    await writeSampleBundle(bundle);
    const signer = await writeKeyPair(tmp.path, 'signer');
    const other = await writeKeyPair(tmp.path, 'other');
    const key = await loadSigningKey(signer.privateKey);
    expect(await writeEvidence(bundle, 'log\n', key)).to.include({ signed: true });
    const sig = JSON.parse(await readFile(join(bundle, 'MANIFEST.sig'), 'utf8')) as Record<string, string>;
    expect(sig).to.include({ format: 'tierprobe-manifest-signature/1', algorithm: 'ed25519', publicKeySha256: key.fingerprint });

    const right = await loadVerifyingKey(signer.publicKey);
    expect(right.fingerprint).to.equal(key.fingerprint);
    const good = await check(bundle, right);
    expect(good.signature).to.deep.equal({ state: 'verified', signedBy: key.fingerprint, algorithm: 'ed25519' });
    expect(bundleOk(good)).to.equal(true);

    const wrong = await loadVerifyingKey(other.publicKey);
    const byOther = await check(bundle, wrong);
    expect(byOther.signature).to.deep.equal({ state: 'other-key', signedBy: key.fingerprint, given: wrong.fingerprint });
    expect(bundleOk(byOther)).to.equal(false);

    const noKey = await check(bundle);
    expect(noKey.signature.state).to.equal('not-checked');
    expect(bundleOk(noKey)).to.equal(false);

    // What an unsigned MANIFEST cannot catch: edit a file and hash it again.
    await writeFile(join(bundle, 'report.md'), '# all as expected\n');
    const manifest = await readFile(join(bundle, 'MANIFEST'), 'utf8');
    await writeFile(join(bundle, 'MANIFEST'), manifest.replace(/^[0-9a-f]{64}(?= {2}report\.md$)/m, await hashFile(join(bundle, 'report.md'))));
    const forged = await check(bundle, right);
    expect(forged.diff).to.deep.equal({ changed: [], added: [], removed: [] });
    expect(forged.signature.state).to.equal('bad-signature');
    expect(bundleOk(forged)).to.equal(false);
  });

  it('ECDSA P-256 and RSA keys sign and verify too', async () => {
    await using tmp = await tempDir();
    for (const type of ['ec', 'rsa'] as const) {
      const bundle = join(tmp.path, type);
      await mkdir(bundle);
      await writeSampleBundle(bundle);
      const pair = await writeKeyPair(tmp.path, type, type);
      await writeEvidence(bundle, '', await loadSigningKey(pair.privateKey));
      const c = await check(bundle, await loadVerifyingKey(pair.publicKey));
      expect(c.signature, type).to.include({ state: 'verified', algorithm: type === 'ec' ? 'ecdsa-p256-sha256' : 'rsa-pkcs1-sha256' });
    }
  });

  it('a key given but no MANIFEST.sig does not pass', async () => {
    await using tmp = await tempDir();
    await writeSampleBundle(tmp.path);
    await writeEvidence(tmp.path, '');
    const pair = await writeKeyPair(tmp.path, 'k');
    const c = await checkBundle(await loadBundle(tmp.path), await loadVerifyingKey(pair.publicKey));
    // The key files sit in the bundle here: they are named as added, and the missing signature fails it.
    expect(c.signature.state).to.equal('unsigned-but-key-given');
    expect(bundleOk(c)).to.equal(false);
  });

  it('clearPreviousEvidence removes a previous run\'s diagnostics, run.log, MANIFEST and signature, and nothing else', async () => {
    await using tmp = await tempDir();
    await writeSampleBundle(tmp.path);
    const pair = await writeKeyPair(tmp.path, 'k');
    await writeEvidence(tmp.path, 'old\n', await loadSigningKey(pair.privateKey));
    await clearPreviousEvidence(tmp.path);
    const left = (await run('find', ['.', '-type', 'f'], { cwd: tmp.path })).stdout.trim().split('\n').sort();
    expect(left).to.deep.equal(['./junit.xml', './k.pem', './k.pub', './policies/01-baseline/01-apply-networkpolicy-x-deny.yaml', './policies/SHA256SUMS', './report.md', './results.json']);
  });

  it('the signature is what openssl checks: Ed25519 over the exact MANIFEST bytes, keys made by openssl', async () => {
    await using tmp = await tempDir();
    const bundle = join(tmp.path, 'b');
    await mkdir(bundle);
    await writeSampleBundle(bundle);
    const pem = join(tmp.path, 'key.pem');
    const pub = join(tmp.path, 'key.pub');
    await run('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', pem]);
    await run('openssl', ['pkey', '-in', pem, '-pubout', '-out', pub]);
    const key = await loadSigningKey(pem);
    await writeEvidence(bundle, '', key);
    const sig = JSON.parse(await readFile(join(bundle, 'MANIFEST.sig'), 'utf8')) as { signature: string };
    await writeFile(join(tmp.path, 'sig.bin'), Buffer.from(sig.signature, 'base64'));
    const out = await run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', join(bundle, 'MANIFEST'), '-sigfile', join(tmp.path, 'sig.bin')]);
    expect(out.stdout).to.contain('Signature Verified Successfully');
    // The fingerprint is sha256 of the DER public key, as openssl and sha256sum compute it.
    const der = await run('sh', ['-c', `openssl pkey -pubin -in '${pub}' -outform DER | sha256sum`]);
    expect(der.stdout.slice(0, 64)).to.equal(key.fingerprint);
  });
});
