import { expect } from 'chai';
import { renderMarkdown } from './markdown.ts';
import { sampleRun } from './fixture.test-helper.ts';

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleRun());

  it('has a heading per step and a table per port, escaping what would break them', () => {
    expect(md).to.include('# pci \\<guardrails\\> & "co"');
    expect(md).to.include('## security \\| tier');
    expect(md).to.include('| from \\ to | x/a | y/a |');
    expect(md).to.include('| y/a | ✓! | ✓ |');
    expect(md).to.include('| x/a | ✓ | ✗✓# |');
  });

  it('lists each disagreement with its class', () => {
    expect(md).to.include('| ! | y/a -\\> x/a 80/TCP | policy-intent | expect: declared deny, model allow |');
    expect(md).to.include('| # | x/a -\\> y/a 80/TCP | dataplane-or-model | model deny, observed connected |');
  });
});
