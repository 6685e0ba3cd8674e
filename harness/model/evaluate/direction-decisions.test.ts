// The property: each side of every pod-to-pod cell of the library scenarios, at every step, is
// what the walkthrough shows for that side (verdict and decider), enforced and pending, with pod addresses.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileScenario, loadScenario } from '../../scenario/index.ts';
import { evaluate, sideDecisions, walkthrough, type Inventory } from '../index.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'scenarios', f));
const withAddresses = (inventory: Inventory): Inventory => ({ ...inventory, pods: inventory.pods.map((p, i) => ({ ...p, ip: `10.244.${1 + (i >> 8)}.${i & 255}` })) });

describe('sideDecisions: each side of a connection is the walkthrough\'s', () => {
  for (const file of files) {
    it(file.slice(root.length + 1), async () => {
      const scenario = await loadScenario(file);
      const inventory = withAddresses(scenario.inventory);
      let checked = 0;
      for (const { policies } of compileScenario(scenario, { allowUnsupported: true })) {
        const decide = sideDecisions(inventory, policies);
        for (const cell of evaluate(inventory, policies)) {
          if (cell.backend !== undefined || cell.from === cell.to || cell.to.startsWith('external:')) continue;
          const w = walkthrough(inventory, policies, { from: cell.from, to: cell.to, port: cell.port, protocol: cell.protocol });
          for (const m of w.modes.filter((x) => x.mode !== 'promoted')) {
            const mode = m.mode === 'pending' ? 'pending' : 'enforced';
            const q = { from: cell.from, to: cell.to, port: cell.port, protocol: cell.protocol };
            expect(decide(q, 'egress', mode), `${cell.from} -> ${cell.to} ${cell.port} egress ${mode}`).to.deep.equal({ verdict: m.egress?.verdict, decidedBy: m.egress?.decidedBy });
            expect(decide(q, 'ingress', mode), `${cell.from} -> ${cell.to} ${cell.port} ingress ${mode}`).to.deep.equal({ verdict: m.ingress?.verdict, decidedBy: m.ingress?.decidedBy });
            checked++;
          }
        }
      }
      expect(checked).to.be.greaterThan(0);
    });
  }
});
