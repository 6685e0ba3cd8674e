import { expect } from 'chai';
import { addressMatches, parseAddress, type Address } from './address.ts';
import { expectedVerdict, type Expectation } from './expectation.ts';

const addr = (text: string): Address => {
  const a = parseAddress(text);
  if (typeof a === 'string') throw new Error(a);
  return a;
};
const cell = (from: string, to: string, port = 80, protocol: 'TCP' | 'UDP' = 'TCP') => ({ from, to, port, protocol });

describe('addresses', () => {
  it('parses ns/pod, wildcards and externals', () => {
    expect(addr('x/*')).to.deep.equal({ kind: 'pod', namespace: 'x', pod: '*' });
    expect(addr('external:internet')).to.deep.equal({ kind: 'external', name: 'internet' });
    expect(parseAddress('x')).to.be.a('string').that.includes('not an address');
    expect(parseAddress('x/a*')).to.be.a('string').that.includes('"a*"');
  });
  it('matches pods by namespace and name, externals only by external addresses', () => {
    expect(addressMatches(addr('x/*'), 'x/a')).to.equal(true);
    expect(addressMatches(addr('*/a'), 'y/a')).to.equal(true);
    expect(addressMatches(addr('*/a'), 'y/b')).to.equal(false);
    expect(addressMatches(addr('*/*'), 'external:internet')).to.equal(false);
    expect(addressMatches(addr('external:*'), 'external:internet')).to.equal(true);
    expect(addressMatches(addr('external:internet'), 'x/internet')).to.equal(false);
  });
});

describe('expectedVerdict', () => {
  const e: Expectation = {
    default: 'allow',
    rules: [
      { from: addr('x/*'), to: addr('y/*'), verdict: 'deny' },
      { from: addr('x/a'), to: addr('y/*'), port: { port: 80, protocol: 'TCP' }, verdict: 'allow' },
    ],
  };
  it('uses the default when no rule covers the cell', () => {
    expect(expectedVerdict(e, cell('y/a', 'x/a'))).to.equal('allow');
  });
  it('lets a later rule override an earlier one, only on its port', () => {
    expect(expectedVerdict(e, cell('x/a', 'y/b', 80))).to.equal('allow');
    expect(expectedVerdict(e, cell('x/a', 'y/b', 81))).to.equal('deny');
    expect(expectedVerdict(e, cell('x/a', 'y/b', 80, 'UDP'))).to.equal('deny');
    expect(expectedVerdict(e, cell('x/b', 'y/b', 80))).to.equal('deny');
  });
  it('declares nothing for a pod to itself, and nothing without default or rule', () => {
    expect(expectedVerdict({ default: 'deny', rules: [] }, cell('x/a', 'x/a'))).to.equal(undefined);
    expect(expectedVerdict({ rules: e.rules }, cell('y/a', 'x/a'))).to.equal(undefined);
    expect(expectedVerdict(undefined, cell('y/a', 'x/a'))).to.equal(undefined);
  });
});
