import { expect } from 'chai';
import type { AppliedRecord } from '../run-types.ts';
import { policyFiles, sha256sums } from './policy-files.ts';

const record = (step: number, stepName: string, action: 'apply' | 'delete', kind: string, name: string, namespace?: string): AppliedRecord => ({
  step, stepName, action, id: { apiVersion: 'v1', kind, name, ...(namespace ? { namespace } : {}) },
  text: 'x', sha256: `${step}${name}`, location: { file: 'f.yaml', line: 1, column: 1 },
});

describe('policyFiles', () => {
  it('names files by step, order, action, kind, namespace and name, and lists them for sha256sum -c', () => {
    const files = policyFiles([
      record(0, 'Security tier!', 'apply', 'Tier', 'security'),
      record(0, 'Security tier!', 'apply', 'GlobalNetworkPolicy', 'security.deny'),
      record(1, 'clean up', 'delete', 'NetworkPolicy', 'allow', 'x'),
    ]);
    expect(files.map((f) => f.path)).to.deep.equal([
      '01-security-tier/01-apply-tier-security.yaml',
      '01-security-tier/02-apply-globalnetworkpolicy-security.deny.yaml',
      '02-clean-up/01-delete-networkpolicy-x-allow.yaml',
    ]);
    expect(sha256sums(files).split('\n')[2]).to.equal('1allow  02-clean-up/01-delete-networkpolicy-x-allow.yaml');
  });
});
