// The property: for every library and semantics scenario, at every step, for every cell, the
// walkthrough's verdict and decider in each mode are the cell's (offline, and with pod addresses).
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileScenario, loadScenario } from '../../scenario/index.ts';
import { evaluate, type Cell, type Inventory } from '../index.ts';
import { walkthrough } from './walkthrough.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const files = [
  ...readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'scenarios', f)),
  ...readdirSync(join(root, 'test/e2e/live/testdata/semantics')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'test/e2e/live/testdata/semantics', f)),
];

/** What the walkthrough must reproduce of a cell. */
function expected(c: Cell) {
  return {
    verdict: c.verdict, decidedBy: c.decidedBy, stagedVerdict: c.stagedVerdict, stagedDecidedBy: c.stagedDecidedBy, promotedVerdict: c.promotedVerdict,
  };
}

function withAddresses(inventory: Inventory): Inventory {
  return { ...inventory, pods: inventory.pods.map((p, i) => ({ ...p, ip: `10.244.${1 + (i >> 8)}.${i & 255}` })) };
}

describe('walkthrough: the verdict and decider of each mode are the cell\'s', () => {
  it('covers the library and the semantics scenarios', () => {
    expect(files.length).to.be.greaterThan(8);
  });
  for (const file of files) {
    it(file.slice(root.length + 1), async () => {
      const scenario = await loadScenario(file);
      const steps = compileScenario(scenario, { allowUnsupported: true });
      let checked = 0;
      for (const inventory of [scenario.inventory, withAddresses(scenario.inventory)]) {
        for (const { step, policies } of steps) {
          for (const cell of evaluate(inventory, policies)) {
            const w = walkthrough(inventory, policies, { from: cell.from, to: cell.to, port: cell.port, protocol: cell.protocol, ...(cell.backend === undefined ? {} : { backend: cell.backend }) });
            const [enforced, pending, promoted] = w.modes;
            const got = {
              verdict: enforced?.verdict, decidedBy: enforced?.decidedBy, stagedVerdict: pending?.verdict, stagedDecidedBy: pending?.decidedBy, promotedVerdict: promoted?.verdict,
            };
            expect(JSON.parse(JSON.stringify(got)), `${step.name}: ${cell.from} -> ${cell.to} ${cell.port}/${cell.protocol}`).to.deep.equal(JSON.parse(JSON.stringify(expected(cell))));
            // Every rule that did not match says why: ruleMismatch agrees with ruleMatches.
            const silent = w.modes.flatMap((m) => [m.egress, m.ingress]).flatMap((d) => d?.tiers ?? []).flatMap((t) => t.policies)
              .flatMap((p) => p.rules).filter((r) => r.outcome === 'no-match' && r.reason === undefined);
            expect(silent, `${step.name}: ${cell.from} -> ${cell.to}: a rule with no reason`).to.deep.equal([]);
            checked++;
          }
        }
      }
      expect(checked).to.be.greaterThan(0);
    });
  }
});
