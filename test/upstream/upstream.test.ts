// Upstream suites translated into scenarios (test/upstream/LEDGER.md): the Kubernetes e2e NetworkPolicy suite
// and the network-policy-api ANP/BANP conformance suite. Offline, model only: for every translated file this runs
// the check `tierprobe validate --intent FILE` runs (load, model, compare with every declared expectation), and
// checks that the ledger and the directory agree on which files are translations.
import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { intentReport } from '../../harness/cli/intent-report.ts';
import { hasMismatch } from '../../harness/diff/index.ts';
import type { Problem } from '../../harness/errors.ts';
import { loadScenario, modelDiff, type Scenario } from '../../harness/scenario/index.ts';

const here = import.meta.dirname;
const suites = ['k8s-netpol', 'anp-conformance'] as const;
/** Where a translation the model disagrees with waits, outside the passing set (LEDGER.md says why). */
const disagreeDir = 'model-disagrees';

interface LedgerRow { status: string; files: string[]; line: string }

/** Every table row of the ledger that names a status; `files` are the scenario links in its file column. */
function ledgerRows(): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (const line of readFileSync(join(here, 'LEDGER.md'), 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const statusAt = cells.findIndex((c) => /^(translated|not translated|model disagrees)/.test(c));
    if (statusAt < 0) continue;
    const files = [...(cells[statusAt + 1] ?? '').matchAll(/\]\(([^)]+\.yaml)\)/g)].map((m) => m[1] ?? '');
    rows.push({ status: cells[statusAt] ?? '', files, line });
  }
  return rows;
}

function filesOnDisk(dir: string): string[] {
  try {
    return readdirSync(join(here, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`).sort();
  } catch {
    return [];
  }
}

const rows = ledgerRows();
const translated = [...new Set(rows.filter((r) => r.status.startsWith('translated')).flatMap((r) => r.files))].sort();
const deviating = new Set(rows.filter((r) => r.status.includes('Calico deviates')).flatMap((r) => r.files));
const disagreeing = [...new Set(rows.filter((r) => r.status.startsWith('model disagrees')).flatMap((r) => r.files))].sort();

async function check(file: string): Promise<{ scenario: Scenario; warnings: Problem[]; diff: ReturnType<typeof modelDiff> }> {
  const scenario = await loadScenario(join(here, file));
  const warnings: Problem[] = [];
  const diff = modelDiff(scenario, { calicoVersion: '3.31', onWarning: (p) => warnings.push(p) });
  return { scenario, warnings, diff };
}

describe('upstream suites: the ledger', () => {
  it('lists as translated exactly the scenario files on disk, per suite', () => {
    const onDisk = suites.flatMap((s) => filesOnDisk(s)).sort();
    expect(onDisk.length).to.be.greaterThan(0);
    expect(translated).to.deep.equal(onDisk);
  });

  it('lists as "model disagrees" exactly the files waiting in model-disagrees/ directories', () => {
    const onDisk = suites.flatMap((s) => filesOnDisk(`${s}/${disagreeDir}`)).sort();
    expect(disagreeing).to.deep.equal(onDisk);
  });

  it('gives every test that is not translated a reason', () => {
    const bare = rows.filter((r) => r.status.startsWith('not translated') && !/\|\s*[^|\s][^|]*\|\s*$/.test(r.line));
    expect(bare.map((r) => r.line)).to.deep.equal([]);
  });
});

for (const suite of suites) {
  describe(`upstream suite ${suite}: the model agrees with every translated expectation (validate --intent)`, () => {
    for (const file of translated.filter((f) => f.startsWith(`${suite}/`))) {
      it(file, async () => {
        const { scenario, warnings, diff } = await check(file);
        expect(hasMismatch(diff), `${file}: the model disagrees with the declared intent\n${intentReport(diff)}`).to.equal(false);
        expect(diff.summary.unchecked, `${file}: cells left unchecked (unknown offline)`).to.equal(0);
        expect(diff.summary.cells).to.be.greaterThan(0);
        // Where Calico deviates from upstream the model says so (a 'deviation' warning), and only there.
        if (deviating.has(file)) expect(warnings, `${file}: the ledger says Calico deviates here`).to.not.be.empty;
        else expect(warnings.map((w) => w.message)).to.deep.equal([]);
        // Every declared rule decides at least one cell: with its verdict flipped, the model disagrees.
        const dead: string[] = [];
        for (const step of scenario.steps) {
          const declared = step.expect;
          if (!declared) continue;
          declared.rules.forEach((rule, i) => {
            const flipped = { ...rule, verdict: rule.verdict === 'allow' ? 'deny' as const : 'allow' as const };
            step.expect = { ...declared, rules: declared.rules.map((r, j) => (j === i ? flipped : r)) };
            if (!hasMismatch(modelDiff(scenario, { calicoVersion: '3.31' }))) dead.push(`step "${step.name}" rule ${i}`);
            step.expect = declared;
          });
        }
        expect(dead, `${file}: rules that decide no cell`).to.deep.equal([]);
      });
    }
  });
}

describe('upstream suites: translations the model disagrees with still disagree', () => {
  for (const file of disagreeing) {
    it(file, async () => {
      const { diff } = await check(file);
      expect(hasMismatch(diff), `${file} now agrees with the model: move it into its suite and mark it translated in LEDGER.md`).to.equal(true);
    });
  }
});
