import { expect } from 'chai';
import { Selector } from './selector.ts';
import { labelSelectorToNode, type LabelSelector } from './label-selector.ts';

function matcher(s: LabelSelector | undefined, kind: 'pod' | 'namespace'): (labels: Record<string, string>) => boolean {
  const node = labelSelectorToNode(s, kind);
  if (node === undefined) throw new Error('no selector');
  const sel = new Selector(node);
  return (labels) => sel.matches(new Map(Object.entries(labels)));
}

const POD = { 'projectcalico.org/orchestrator': 'k8s' };

describe('Kubernetes label selectors compile to Calico selectors', () => {
  it('matchLabels are ANDed, sorted, and pod selectors require the k8s orchestrator label', () => {
    const node = labelSelectorToNode({ matchLabels: { b: '2', a: '1' } }, 'pod');
    expect(node && new Selector(node).canonical)
      .to.equal('(projectcalico.org/orchestrator == "k8s" && a == "1" && b == "2")');
    const m = matcher({ matchLabels: { a: '1', b: '2' } }, 'pod');
    expect(m({ ...POD, a: '1', b: '2' })).to.equal(true);
    expect(m({ ...POD, a: '1' })).to.equal(false);
    expect(m({ a: '1', b: '2' })).to.equal(false);
  });
  it('In, NotIn, Exists, DoesNotExist', () => {
    const m = matcher({
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'stage'] },
        { key: 'tier', operator: 'NotIn', values: ['db'] },
        { key: 'app', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    }, 'pod');
    expect(m({ ...POD, env: 'prod', app: 'x' })).to.equal(true);
    expect(m({ ...POD, env: 'dev', app: 'x' })).to.equal(false);
    expect(m({ ...POD, env: 'prod', app: 'x', tier: 'db' })).to.equal(false);
    expect(m({ ...POD, env: 'prod' })).to.equal(false);
    expect(m({ ...POD, env: 'prod', app: 'x', legacy: '' })).to.equal(false);
  });
  it('an empty pod selector selects every pod; an empty namespace selector is all()', () => {
    expect(matcher({}, 'pod')(POD)).to.equal(true);
    expect(labelSelectorToNode({}, 'namespace')).to.deep.equal({ op: 'all' });
    expect(labelSelectorToNode({ matchLabels: {} }, 'namespace')).to.deep.equal({ op: 'all' });
  });
  it('an absent namespace selector means none was given', () => {
    expect(labelSelectorToNode(undefined, 'namespace')).to.equal(undefined);
  });
});
