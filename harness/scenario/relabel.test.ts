import { expect } from 'chai';
import { join } from 'node:path';
import { hasMismatch } from '../diff/index.ts';
import { loadScenario } from './load.ts';
import { modelDiff } from './model-diff.ts';

const file = join(import.meta.dirname, '..', '..', 'test', 'e2e', 'live', 'testdata', 'relabel.yaml');

describe('relabel steps (issue 10)', () => {
  it('carries each step\'s labels forward, and only from the first relabel on', async () => {
    const s = await loadScenario(file);
    const [first, second, third, fourth] = s.steps;
    expect(first?.labels).to.equal(undefined);
    expect(second?.relabel?.map((r) => [r.target, r.set, r.remove])).to.deep.equal([[{ kind: 'Pod', namespace: 'e2e-relabel-x', name: 'b' }, { pod: 'c' }, []]]);
    expect(second?.labels?.pods.get('e2e-relabel-x/b')).to.deep.equal({ pod: 'c' });
    expect(third?.relabel?.[0]?.location.line).to.be.greaterThan(0);
    expect(third?.labels?.pods.get('e2e-relabel-x/b'), 'kept from the step before').to.deep.equal({ pod: 'c' });
    expect(third?.labels?.namespaces.get('e2e-relabel-y')).to.deep.equal({});
    expect(fourth?.labels?.namespaces.get('e2e-relabel-y')).to.deep.equal({ ns: 'y' });
    expect(s.inventory.pods.find((p) => p.name === 'b')?.labels, 'the inventory keeps the labels the pods start with').to.deep.equal({ pod: 'b' });
  });

  it('re-evaluates the model at every step with the labels of that step', async () => {
    const diff = modelDiff(await loadScenario(file));
    expect(hasMismatch(diff)).to.equal(false);
    const into = (step: number, from: string) => diff.steps[step]?.cells.find((c) => c.from === from && c.to === 'e2e-relabel-x/a')?.verdict;
    expect([0, 1, 2, 3].map((i) => into(i, 'e2e-relabel-x/b'))).to.deep.equal(['allow', 'deny', 'deny', 'allow']);
    expect([0, 1, 2, 3].map((i) => into(i, 'e2e-relabel-y/a'))).to.deep.equal(['allow', 'allow', 'deny', 'allow']);
  });
});
