import { expect } from 'chai';
import { missingFields } from './stored-fields.ts';

describe('missingFields', () => {
  const sent = { spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 81 }] }] } };

  it('accepts a stored object with every field sent, defaults added', () => {
    const stored = { spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 81, protocol: 'TCP' }] }] } };
    expect(missingFields(sent, stored)).to.deep.equal([]);
  });

  it('names a field the server did not keep (the dropped `from` of a NetworkPolicy rule)', () => {
    const stored = { spec: { podSelector: {}, ingress: [{ ports: [{ port: 81, protocol: 'TCP' }] }] } };
    expect(missingFields(sent, stored)).to.deep.equal(['spec.ingress[0].from']);
  });
});
