import { expect } from 'chai';
import { cidrContains, isStrictSubnet, parseCidr, parseIp } from './cidr.ts';
import { parsePort } from './port.ts';
import { parseProtocol, protocolSupportsPorts } from './protocol.ts';

function contains(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  if (!c || !a) throw new Error(`bad test data ${cidr} ${ip}`);
  return cidrContains(c, a);
}

describe('CIDRs (CALICO-SEMANTICS.md §4 nets/notNets)', () => {
  it('contains addresses of the same family inside the prefix', () => {
    expect(contains('10.0.0.0/8', '10.1.2.3')).to.equal(true);
    expect(contains('10.0.0.0/8', '11.0.0.0')).to.equal(false);
    expect(contains('0.0.0.0/0', '8.8.8.8')).to.equal(true);
    expect(contains('10.0.0.5/32', '10.0.0.5')).to.equal(true);
    expect(contains('10.0.0.1/24', '10.0.0.200')).to.equal(true);
    expect(contains('fd00::/8', 'fd12::1')).to.equal(true);
    expect(contains('fd00::/8', '10.0.0.1')).to.equal(false);
    expect(contains('::/0', '::ffff:1.2.3.4')).to.equal(true);
  });
  it('rejects malformed input and bare addresses unless allowed', () => {
    for (const bad of ['10.0.0/8', '10.0.0.0/33', '256.0.0.0/8', 'a.b.c.d/8', '10.0.0.0/08', 'fd00:::1/64', '']) {
      expect(parseCidr(bad), bad).to.equal(undefined);
    }
    expect(parseCidr('10.0.0.1')).to.equal(undefined);
    expect(parseCidr('10.0.0.1', { allowBareIp: true })?.prefix).to.equal(32);
    expect(parseCidr('2001:db8::1', { allowBareIp: true })?.prefix).to.equal(128);
  });
  it('knows strict subnets (ipBlock.except)', () => {
    const outer = parseCidr('10.0.0.0/16');
    const inner = parseCidr('10.0.1.0/24');
    const same = parseCidr('10.0.0.0/16');
    if (!outer || !inner || !same) throw new Error('bad test data');
    expect(isStrictSubnet(inner, outer)).to.equal(true);
    expect(isStrictSubnet(same, outer)).to.equal(false);
    expect(isStrictSubnet(outer, inner)).to.equal(false);
  });
});

describe('Calico protocols and ports (CALICO-SEMANTICS.md §4)', () => {
  it('protocol names are TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255', () => {
    expect(parseProtocol('TCP')).to.deep.equal({ ok: true, number: 6 });
    expect(parseProtocol('UDPLite')).to.deep.equal({ ok: true, number: 136 });
    expect(parseProtocol(132)).to.deep.equal({ ok: true, number: 132 });
    expect(parseProtocol('17')).to.deep.equal({ ok: true, number: 17 });
    expect(parseProtocol(0)).to.deep.equal({ ok: false, message: 'protocol number invalid' });
    expect(parseProtocol(256)).to.deep.equal({ ok: false, message: 'protocol number invalid' });
    expect(parseProtocol('tcp')).to.deep.equal({ ok: false, message: 'protocol name invalid' });
    expect([6, 17, 132, 1].map(protocolSupportsPorts)).to.deep.equal([true, true, true, false]);
  });
  it('ports are numbers, inclusive "a:b" ranges or names', () => {
    expect(parsePort(80)).to.deep.equal({ ok: true, port: { kind: 'range', min: 80, max: 80 } });
    expect(parsePort('8000:8080')).to.deep.equal({ ok: true, port: { kind: 'range', min: 8000, max: 8080 } });
    expect(parsePort('http')).to.deep.equal({ ok: true, port: { kind: 'named', name: 'http' } });
    expect(parsePort(0)).to.have.property('ok', false);
    expect(parsePort(70000)).to.have.property('ok', false);
    expect(parsePort('90:80')).to.deep.equal({
      ok: false, message: 'minimum port number (90) is greater than maximum port number (80) in port range',
    });
    expect(parsePort('Not_A_Name')).to.deep.equal({ ok: false, message: 'invalid port format (Not_A_Name)' });
  });
});
