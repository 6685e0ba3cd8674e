import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJUnit } from './junit.ts';
import { sampleRun, trafficRun } from './fixture.test-helper.ts';

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

describe('renderJUnit: traffic under change', () => {
  const xml = renderJUnit([{ diff: trafficRun() }]);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(xml);
  const cases: { name: string; failure?: { message: string; type: string }; 'system-out'?: string }[] = doc.testsuites.testsuite.testcase;

  it('fails the step and each cell of the new classes, with their messages', () => {
    expect(cases.map((c) => c.name)).to.deep.equal(['step: deny y/a', 'x/a -> y/b 80/TCP', 'x/a -> y/c 80/TCP']);
    expect(cases[0]?.failure?.message).to.equal('2 of 4 cells disagree');
    expect(cases[1]?.failure).to.deep.include({
      type: 'disruption',
      message: 'disruption: 12 of 2400 new connection(s) failed while the pair should stay allowed; longest gap 640.0 ms (resolution 5.0 ms)',
    });
    expect(cases[2]?.failure?.type).to.equal('established');
    expect(cases[2]?.failure?.message).to.include('established: established connection: declared kept, but it never opened');
    expect(cases[2]?.failure?.message).to.include('; time-to-enforce: time to open: 140.0 ms, over the threshold 100 ms');
    expect(doc.testsuites.failures).to.equal('3');
  });

  it('puts the pair\'s figures and warnings in the failing case\'s output', () => {
    expect(cases[1]?.['system-out']).to.equal([
      'traffic under change: stays allowed: 12 failed, longest gap 640.0 ms; 200/s asked, 183.3/s reached; established connection kept',
      'warning: the agent could not sustain 200/s: reached 183.3/s, 40 request(s) not started (dropped_iterations)',
    ].join('\n'));
  });
});
