// Issue 10, item 6, live: upstream's own cases (test/upstream, translated from the Kubernetes e2e
// NetworkPolicy suite and the network-policy-api conformance suite) against kind + Calico. CI runs
// a representative subset; `npm run test:upstream:live` runs every translated file.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { liveCluster, liveRun } from './live-fixture.ts';

const root = join('test', 'upstream');
const SUBSET = [
  'k8s-netpol/default-deny-all.yaml',
  'k8s-netpol/deny-ingress-to-updated-pod.yaml',
  'k8s-netpol/egress-to-server-in-cidr-block.yaml',
  'anp-conformance/admin-network-policy-standard-priority.yaml',
];
const everything = process.env['TIERPROBE_UPSTREAM_LIVE'] === 'all';
const files = everything
  ? ['k8s-netpol', 'anp-conformance'].flatMap((dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => `${dir}/${f}`))
  : SUBSET;

describe(`upstream suites, live (${everything ? 'every translated file' : 'the CI subset'})`, function () {
  this.timeout(30 * 60_000);
  before(() => liveCluster());

  for (const file of files) {
    it(`${file}: every probed cell as upstream expects, and as the model says`, async () => {
      const run = await liveRun(join(root, file));
      const problems = run.diff.steps.flatMap((s) => s.cells.flatMap((c) => c.mismatches.map((m) => `${s.name}: ${c.from} -> ${c.to} ${c.port}/${c.protocol}: ${m.class}: ${m.message}`)));
      expect(problems).to.deep.equal([]);
      const observed = run.diff.steps.flatMap((s) => s.cells.filter((c) => c.observed !== undefined && c.expected !== undefined));
      expect(observed.length, 'cells with both an upstream expectation and an observation').to.be.greaterThan(0);
    });
  }
});
