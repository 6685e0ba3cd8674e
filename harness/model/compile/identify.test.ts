import { expect } from 'chai';
import { identify } from './identify.ts';

describe('identify (resource identity for delete steps and de-duplication)', () => {
  it('gives apiVersion, kind and name; namespaced kinds get their namespace, "default" when absent', () => {
    expect(identify({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'g' } }))
      .to.deep.equal({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', name: 'g' });
    expect(identify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'x' } }))
      .to.deep.equal({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'x', name: 'n' });
    expect(identify({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'n' } }))
      .to.deep.equal({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', namespace: 'default', name: 'n' });
  });
  it('cluster-scoped kinds drop a stray namespace', () => {
    expect(identify({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 't', namespace: 'x' } }))
      .to.deep.equal({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', name: 't' });
  });
  it('is undefined for anything without apiVersion, kind and metadata.name', () => {
    for (const doc of [null, 'x', {}, { apiVersion: 'v1', kind: 'X', metadata: {} }, { apiVersion: 'v1', kind: 'X', metadata: { name: '' } }]) {
      expect(identify(doc)).to.equal(undefined);
    }
  });
});
