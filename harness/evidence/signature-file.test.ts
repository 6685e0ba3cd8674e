import { expect } from 'chai';
import { InputError } from '../errors.ts';
import { formatSignatureFile, parseSignatureFile, type SignatureFile } from './signature-file.ts';

const good: SignatureFile = { format: 'tierprobe-manifest-signature/1', algorithm: 'ed25519', publicKeySha256: 'a'.repeat(64), signature: 'AAEC' };

describe('MANIFEST.sig: the signature file', () => {
  it('round-trips', () => {
    expect(parseSignatureFile(formatSignatureFile(good), 'S')).to.deep.equal(good);
  });

  it('is strict: every problem is told, with its field', () => {
    const bad = { ...good, format: 'v2', algorithm: 'md5', publicKeySha256: 'XYZ', signature: 'not base64!', extra: 1 };
    let message = '';
    try {
      parseSignatureFile(JSON.stringify(bad), 'b/MANIFEST.sig');
    } catch (e) {
      expect(e).to.be.instanceOf(InputError);
      message = (e as InputError).message;
    }
    expect(message).to.match(/^b\/MANIFEST\.sig: /).and.contain('format: ').and.contain('algorithm: ')
      .and.contain('publicKeySha256: want 64 lowercase hex digits').and.contain('signature: want base64').and.contain('extra');
  });

  it('not JSON is bad input', () => {
    expect(() => parseSignatureFile('-----BEGIN SIGNATURE-----', 'S')).to.throw(InputError, /^S: not JSON/);
  });
});
