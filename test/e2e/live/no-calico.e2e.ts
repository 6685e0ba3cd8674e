// A cluster with no Calico, live: a one-node kind cluster with no CNI at all (its API server
// answers; calicoctl lists every Calico kind as empty there and exits 0, as seen 2026-12-03).
// capture and whatif --context name the missing Calico (exit 3) and write nothing.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { KindCli } from '../../../harness/cluster/kind/kind-cli.ts';
import { prepareImages } from '../../../harness/cluster/kind/prepared-images.ts';
import { tierprobe } from './live-fixture.ts';

const name = 'tierprobe-e2e-nocalico';
const context = `kind-${name}`;

describe('capture and whatif --context on a cluster with no Calico, live', function () {
  this.timeout(10 * 60_000);
  let kind: KindCli | undefined;
  let dir = '';

  before(async () => {
    const prepared = await prepareImages(['kind', 'kubernetes', 'calicoctl'], 'auto', () => undefined);
    const node = prepared.images.get('node');
    if (!node) throw new Error('image preparation gave no kind node image');
    kind = new KindCli(prepared.kind);
    dir = await mkdtemp(join(tmpdir(), 'tierprobe-nocalico-'));
    const config = join(dir, 'kind.yaml');
    await writeFile(config, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\n');
    if ((await kind.clusters()).includes(name)) await kind.delete(name, join(dir, 'kubeconfig'));
    const t = Date.now();
    await kind.create({ name, config, image: node, kubeconfig: join(dir, 'kubeconfig') }, () => undefined);
    process.stderr.write(`      kind cluster with no CNI: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  });

  after(async () => {
    if (kind) await kind.delete(name, join(dir, 'kubeconfig'));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('capture exits 3, names the missing Calico and what to run, and writes nothing; so does whatif --context', async () => {
    const source = ['--context', context, '--kubeconfig', join(dir, 'kubeconfig'), '--allow-context', context, '--namespaces', 'default'];
    const out = join(dir, 'capture');
    const cap = await tierprobe('capture', ...source, '--out', out);
    expect(cap.code, cap.stderr).to.equal(3);
    expect(cap.stderr).to.include(`context "${context}" runs no Calico`).and.include(`kubectl --context ${context} get clusterinformations`);
    expect(cap.stderr).to.not.match(/^\s+at /m);
    expect(cap.stdout).to.equal('');
    expect(await readdir(dir)).to.not.include('capture');
    const w = await tierprobe('whatif', ...source, 'harness/whatif/testdata/frontend-allow-ingress.yaml');
    expect(w.code, w.stderr).to.equal(3);
    expect(w.stderr).to.include(`context "${context}" runs no Calico`);
    expect(w.stdout).to.equal('');
  });
});
