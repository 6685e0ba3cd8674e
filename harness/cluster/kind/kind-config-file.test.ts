import { expect } from 'chai';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKindConfig } from './kind-config-file.ts';
import { repoRoot } from '../paths.ts';

describe('readKindConfig', () => {
  it('reads the default config: tierprobe, kind CNI off, the pod subnet Calico uses', async () => {
    expect(await readKindConfig(join(repoRoot, 'kind-config', 'default.yaml')))
      .to.deep.equal({ name: 'tierprobe', podSubnet: '10.244.0.0/16', disableDefaultCNI: true });
  });

  it("falls back to kind's own defaults", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tierprobe-kind-'));
    await writeFile(join(dir, 'c.yaml'), 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n');
    expect(await readKindConfig(join(dir, 'c.yaml'))).to.deep.equal({ name: 'kind', podSubnet: '10.244.0.0/16', disableDefaultCNI: false });
  });
});
