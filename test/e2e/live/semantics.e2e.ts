// CALICO-SEMANTICS.md, checked live: scenarios written to hit the model's finer points (policy
// types defaulting, unordered and staged-only tiers, Log, Pass out of the last tier, Kubernetes
// port/protocol/endPort/named-port/ipBlock rules, Calico notPorts/protocol numbers/notProtocol/
// notSelector/service accounts, ANP priorities, Pass, BANP, namedPort). The dataplane must
// agree with the model on every cell.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { liveCluster, readResults, tempDir, testdata, tierprobe } from './live-fixture.ts';

describe('run: the model\'s finer points against the dataplane, live', function () {
  this.timeout(30 * 60_000);

  it('agrees with Calico on every cell of every semantics scenario', async () => {
    await liveCluster();
    const dir = testdata('semantics');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
    const out = await tempDir();
    // No --allow-unsupported: the ANP namedPort rule (Calico 3.30/3.31 apply it to every port) is a warning.
    const r = await tierprobe('run', ...files, '--out', out);
    expect(r.code, r.stdout.split('\n').filter((l) => /\[(dataplane-or-model|harness-fault|flaky)\]/.test(l)).join('\n') || r.stderr).to.equal(0);
    for (const name of ['sem-admin', 'sem-calico-rules', 'sem-kubernetes-rules', 'sem-types-and-tiers']) {
      const results = await readResults(out, name);
      expect(results.summary['mismatchingCells'], name).to.equal(0);
      expect(results.steps.flatMap((s) => s.cells).filter((c) => c.observed === 'dropped').length, `${name} denies something`).to.be.greaterThan(0);
    }
  });
});
