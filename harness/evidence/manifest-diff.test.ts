import { expect } from 'chai';
import { diffManifest, type FileHash } from './manifest-diff.ts';

const h = (c: string) => c.repeat(64);

describe('diffManifest: MANIFEST against the directory', () => {
  it('sorts each file present or listed into changed, added or removed', () => {
    const listed = [{ path: 'same', sha256: h('a') }, { path: 'edited', sha256: h('a') }, { path: 'gone', sha256: h('a') }, { path: 'locked', sha256: h('a') }, { path: 'linked', sha256: h('a') }];
    const present = { files: ['edited', 'locked', 'new', 'same'], unlistable: [{ path: 'linked', why: 'a symbolic link, not a regular file' }, { path: 'pipe', why: 'not a regular file' }] };
    const hashes = new Map<string, FileHash>([['same', h('a')], ['edited', h('b')], ['locked', { unreadable: 'EACCES' }]]);
    expect(diffManifest(listed, present, hashes)).to.deep.equal({
      changed: [
        { path: 'edited', why: `sha256 ${h('b')}, MANIFEST says ${h('a')}` },
        { path: 'locked', why: 'cannot be read now: EACCES' },
        { path: 'linked', why: 'now a symbolic link, not a regular file' },
      ],
      added: [{ path: 'new' }, { path: 'pipe', why: 'not a regular file' }],
      removed: ['gone'],
    });
  });
});
