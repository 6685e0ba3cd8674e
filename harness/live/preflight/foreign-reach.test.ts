import { expect } from 'chai';
import { loadScenario } from '../../scenario/index.ts';
import type { Inventory } from '../../model/index.ts';
import { foreignSelections } from './foreign-reach.ts';

const outside: Inventory = {
  namespaces: [{ name: 'kube-system', labels: {} }, { name: 'shop', labels: { tier: 'prod' } }],
  pods: [
    { namespace: 'kube-system', name: 'coredns-1', labels: { 'k8s-app': 'kube-dns' }, serviceAccount: 'coredns', ports: [] },
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, serviceAccount: 'default', ports: [] },
  ],
  externals: [],
};

describe('foreignSelections: cluster-wide policies against the pods outside the run', () => {
  it('names each cluster-wide policy that would select a foreign pod, with the pods, and not one scoped to the run', async () => {
    const scenario = await loadScenario('harness/live/preflight/testdata/cluster-wide.yaml');
    const hits = foreignSelections(scenario, outside, '3.31');
    expect([...hits].map(([policy, pods]) => [policy, [...pods]])).to.deep.equal([
      ['GlobalNetworkPolicy everything', ['kube-system/coredns-1', 'shop/api']],
      ['AdminNetworkPolicy by-label', ['shop/api']],
    ]);
  });

  it('finds nothing where no foreign pod matches', async () => {
    const scenario = await loadScenario('harness/live/preflight/testdata/cluster-wide.yaml');
    expect(foreignSelections(scenario, { namespaces: [], pods: [], externals: [] }, '3.31').size).to.equal(0);
  });
});
