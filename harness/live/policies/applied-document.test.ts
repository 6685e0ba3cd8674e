import { expect } from 'chai';
import type { LoadedDocument } from '../../scenario/index.ts';
import { appliedDocument, headerText, sha256 } from './applied-document.ts';

describe('appliedDocument', () => {
  const text = '# the security tier\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: security  # first\nspec:\n  order: 100\n';
  const doc: LoadedDocument = {
    source: { file: 'a.yaml', document: 0 }, doc: {}, text, location: { file: 'a.yaml', line: 1, column: 1 },
    id: { apiVersion: 'projectcalico.org/v3', kind: 'Tier', name: 'security' },
  };

  it("adds tierprobe's labels and keeps the author's comments; the hash is of the text applied", () => {
    const a = appliedDocument(doc, 'run1');
    expect(a.text).to.contain('# the security tier').and.contain('# first');
    expect(a.object).to.deep.include({ metadata: { name: 'security', labels: { 'tierprobe.dev/owned-by': 'tierprobe', 'tierprobe.dev/run': 'run1' } } });
    expect(a.sha256).to.equal(sha256(a.text));
  });

  it('names a namespaced resource for deletion', () => {
    expect(headerText({ apiVersion: 'v1', kind: 'NetworkPolicy', name: 'n', namespace: 'x' }))
      .to.equal('apiVersion: v1\nkind: NetworkPolicy\nmetadata:\n  name: n\n  namespace: x\n');
  });
});
