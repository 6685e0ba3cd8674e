// Issue 11, item 5, live: the programmatic API and the chai plugin on a live result. runScenario
// on the library's guardrail scenario; what the probes saw conforms to explainScenario's model.
import * as chai from 'chai';
import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainScenario, runScenario, tierprobeChai } from '../../../harness/api/index.ts';
import { liveCluster } from './live-fixture.ts';

chai.use(tierprobeChai);

describe('the programmatic API, live', function () {
  this.timeout(30 * 60_000);
  before(() => liveCluster());

  it('runScenario resolves to what the probes saw, and it conforms to explainScenario of the same file', async () => {
    const file = 'scenarios/tiered-guardrail.yaml';
    const out = mkdtempSync(join(tmpdir(), 'tierprobe-api-'));
    try {
      const live = await runScenario(file, { out });
      expect(live.live).to.equal(true);
      expect(live.step('security tier denies tools to payments').cells.filter((c) => c.from !== c.to).every((c) => c.source === 'observed')).to.equal(true);
      expect(live).to.conformTo(await explainScenario(file));
      expect(live.step('security tier denies tools to payments')).to.deny('tools/*', 'payments/*', '80/TCP').and.decidedBy({ tier: 'security' });
      expect(live.step('app team tries to re-open for tools')).to.deny('tools/*', 'payments/*');
      expect(live.summary.mismatchingCells).to.equal(0);
      expect(live.bundle).to.be.a('string');
      expect(readdirSync(live.bundle ?? out), `the bundle ${String(live.bundle)}`).to.include.members(['MANIFEST', 'results.json', 'report.html', 'run.log']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
