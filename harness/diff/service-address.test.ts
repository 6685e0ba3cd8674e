import { expect } from 'chai';
import { addressMatches, formatAddress, parseAddress, type Address } from './address.ts';
import { expectedVerdict } from './expectation.ts';
import { cellKey } from './observation.ts';

const parse = (text: string): Address => {
  const a = parseAddress(text);
  if (typeof a === 'string') throw new Error(a);
  return a;
};

describe('svc: addresses and Service cells', () => {
  it('parses svc:NS/NAME with * on either side, and says what is wrong otherwise', () => {
    expect(parse('svc:y/web')).to.deep.equal({ kind: 'service', namespace: 'y', name: 'web' });
    expect(formatAddress(parse('svc:*/*'))).to.equal('svc:*/*');
    expect(parseAddress('svc:y')).to.equal('"svc:y" is not a Service: write svc:NS/NAME (with * for any)');
    expect(parseAddress('svc:y/Web')).to.equal('"svc:y/Web": "Web" must be a lowercase name or *');
  });

  it('*/* never matches a Service; svc:*/* and a name do; a svc: address matches no pod', () => {
    expect(addressMatches(parse('*/*'), 'svc:y/web')).to.equal(false);
    expect(addressMatches(parse('svc:*/*'), 'svc:y/web')).to.equal(true);
    expect(addressMatches(parse('svc:y/*'), 'svc:y/web')).to.equal(true);
    expect(addressMatches(parse('svc:*/web'), 'svc:z/web')).to.equal(true);
    expect(addressMatches(parse('svc:y/db'), 'svc:y/web')).to.equal(false);
    expect(addressMatches(parse('svc:*/*'), 'y/web')).to.equal(false);
    expect(addressMatches(parse('external:*'), 'svc:y/web')).to.equal(false);
  });

  it('a rule for */* leaves Service cells to the default; svc: rules decide them', () => {
    const cell = { from: 'x/a', to: 'svc:y/web', port: 80, protocol: 'TCP' as const };
    const deny = { verdict: 'deny' as const, port: undefined };
    expect(expectedVerdict({ default: 'allow', rules: [{ ...deny, from: parse('*/*'), to: parse('*/*') }] }, cell)).to.equal('allow');
    expect(expectedVerdict({ rules: [{ ...deny, from: parse('*/*'), to: parse('svc:*/*') }] }, cell)).to.equal('deny');
    expect(expectedVerdict({ rules: [{ ...deny, from: parse('x/*'), to: parse('svc:y/db') }] }, cell)).to.equal(undefined);
  });

  it('keys a Service cell by its backend: two backends are two cells', () => {
    const cell = { from: 'x/a', to: 'svc:y/web', port: 80, protocol: 'TCP' as const };
    expect(cellKey({ ...cell, backend: 'y/a' })).to.equal('x/a -> svc:y/web (y/a) 80/TCP');
    expect(cellKey({ ...cell, backend: 'y/a' })).to.not.equal(cellKey({ ...cell, backend: 'y/b' }));
    expect(cellKey({ from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP' })).to.equal('x/a -> y/a 80/TCP');
  });
});
