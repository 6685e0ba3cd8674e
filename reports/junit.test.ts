import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJUnit } from './junit.ts';
import { sampleRun } from './fixture.test-helper.ts';

describe('renderJUnit', () => {
  const xml = renderJUnit([{ diff: sampleRun() }]);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' }).parse(xml);

  it('is well-formed XML even with <, & and quotes in names', () => {
    expect(XMLValidator.validate(xml)).to.equal(true);
    expect(doc.testsuites.testsuite[0].name).to.equal('pci <guardrails> & "co"');
  });

  it('has a test case per step and per mismatching cell, failing where cells disagree', () => {
    const cases: { name: string; failure?: { message: string; type: string } }[] = doc.testsuites.testsuite[0].testcase;
    expect(cases.map((c) => c.name)).to.deep.equal([
      'step: baseline',
      'step: security | tier',
      'x/a -> y/a 80/TCP', 'y/a -> x/a 80/TCP', 'x/a -> external:internet 443/TCP',
    ]);
    expect(cases[0]?.failure).to.equal(undefined);
    expect(cases[1]?.failure?.message).to.equal('3 of 5 cells disagree');
    expect(cases[3]?.failure).to.deep.include({ type: 'policy-intent', message: 'policy-intent: expect: declared deny, model allow' });
    expect(doc.testsuites.tests).to.equal('5');
    expect(doc.testsuites.failures).to.equal('4');
  });
});
