import { expect } from 'chai';
import { parsePrepareOutput } from './prepared-images.ts';

describe('parsePrepareOutput', () => {
  it('reads the kind CLI, calicoctl, the Calico module and images by role, ignoring other lines', () => {
    const got = parsePrepareOutput([
      'KIND /c/bin/kind-1/kind', 'CALICOCTL /c/bin/calicoctl-2/calicoctl', 'CALICO_SRC /mod/calico@v0',
      'IMAGE node=tierprobe/kind-node:v1.34.0-abc', 'noise', 'IMAGE calico-node=quay.io/calico/node:v3.31.0', '',
    ].join('\n'));
    expect(got.kind).to.equal('/c/bin/kind-1/kind');
    expect(got.calicoctl).to.equal('/c/bin/calicoctl-2/calicoctl');
    expect(got.calicoSrc).to.equal('/mod/calico@v0');
    expect([...got.images]).to.deep.equal([['node', 'tierprobe/kind-node:v1.34.0-abc'], ['calico-node', 'quay.io/calico/node:v3.31.0']]);
  });
});
