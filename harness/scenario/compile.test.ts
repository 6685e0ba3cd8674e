import { expect } from 'chai';
import { join } from 'node:path';
import type { Problem } from '../errors.ts';
import { compileScenario, evaluateScenario } from './compile.ts';
import { loadScenario } from './load.ts';

const fixture = (name: string) => join(import.meta.dirname, 'testdata', name);

describe('compileScenario: deviations (Calico runs a field against the spec)', () => {
  it('loads an ANP namedPort rule without allowUnsupported and warns once, at the port entry', async () => {
    const scenario = await loadScenario(fixture('valid-anp-named-port.yaml'));
    const warnings: Problem[] = [];
    const compiled = compileScenario(scenario, { onWarning: (p) => warnings.push(p) });
    expect(warnings).to.have.length(1);
    const [w] = warnings;
    expect(w?.file).to.match(/valid-anp-named-port\.yaml$/);
    expect([w?.line, w?.column, w?.path]).to.deep.equal([28, 65, 'spec.ingress[0].ports[1].namedPort']);
    expect(w?.message).to.match(/^AdminNetworkPolicy deny-http ingress\[0\]\.ports\[1\]: namedPort "http" — Calico 3\.31 does not translate namedPort in \(Baseline\)AdminNetworkPolicy, so this rule matches every port/);
    // The rule matches every port, as Calico runs it: no cell is on a port named http.
    const [step] = evaluateScenario(compiled, scenario.inventory);
    for (const port of [80, 81, 53]) {
      const cell = step?.cells.find((c) => c.from === 'x/a' && c.to === 'y/b' && c.port === port);
      expect(cell?.decidedBy, `${port}`).to.deep.include({ policy: 'kanp.adminnetworkpolicy.deny-http', ruleIndex: 0, action: 'Deny' });
    }
  });

  it('still refuses an unsupported field unless allowUnsupported', async () => {
    const scenario = await loadScenario(fixture('invalid-model-http.yaml'));
    expect(() => compileScenario(scenario)).to.throw(/unsupported: http match/);
    const warnings: Problem[] = [];
    compileScenario(scenario, { allowUnsupported: true, onWarning: (p) => warnings.push(p) });
    expect(warnings.map((p) => p.message)).to.have.length(1);
  });
});
