import { expect } from 'chai';
import { join } from 'node:path';
import { trafficPairs } from '../traffic/expand.ts';
import { compileScenario, evaluateScenario } from './compile.ts';
import { loadScenario } from './load.ts';
import { inventoryCells, trafficDefaults } from './traffic-entries.ts';

const file = join(import.meta.dirname, 'testdata', 'valid-traffic.yaml');

describe('loadScenario: traffic', () => {
  it('loads each entry with its defaults, its fields in ms and the location of the entry', async () => {
    const s = await loadScenario(file);
    const [baseline, change] = s.steps;
    expect(baseline?.traffic).to.equal(undefined);
    const [defaulted, full, external, udp] = change?.traffic ?? [];
    expect(defaulted).to.deep.equal({
      location: { file, line: 32, column: 9 }, from: 'x/*', to: '*/*', port: 80, protocol: 'TCP',
      rate: trafficDefaults.rate, beforeMs: 3000, afterMs: 10000,
    });
    expect(full).to.deep.equal({
      location: { file, line: 35, column: 9 }, from: 'x/a', to: 'y/*', port: 80, protocol: 'TCP',
      rate: 200, beforeMs: 2000, afterMs: 60000, established: 'cut', maxTimeToEnforceMs: 2000, maxTimeToOpenMs: 1500,
    });
    expect(external).to.include({ to: 'external:internet', port: 443, established: 'kept' });
    expect(udp).to.include({ protocol: 'UDP', rate: 0.5 });
  });

  it('the cells the loader checks the bounds on are the model\'s cells, in its order', async () => {
    const s = await loadScenario(file);
    const [, change] = evaluateScenario(compileScenario(s), s.inventory);
    const key = (c: { from: string; to: string; port: number; protocol: string }) => `${c.from} ${c.to} ${c.port}/${c.protocol}`;
    expect(inventoryCells(s.inventory).map(key)).to.deep.equal(change?.cells.map(key));
  });

  it('expands to the pairs the live run gets from the model\'s cells', async () => {
    const s = await loadScenario(file);
    const [, change] = evaluateScenario(compileScenario(s), s.inventory);
    const pairs = trafficPairs(s.steps[1]?.traffic ?? [], change?.cells ?? []);
    expect(pairs.map((p) => `${p.from} ${p.to} ${p.port}/${p.protocol} ${p.rate}`)).to.deep.equal([
      'x/a x/b 80/TCP 50', 'x/a y/a 80/TCP 200', 'x/a y/a 80/UDP 0.5', 'x/a y/b 80/TCP 200',
      'x/b x/a 80/TCP 50', 'x/b y/a 80/TCP 50', 'x/b y/b 80/TCP 50', 'x/b external:internet 443/TCP 50',
    ]);
  });
});
