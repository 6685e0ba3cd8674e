import { expect } from 'chai';
import { DenyActionError, denyActionOf } from './deny-action.ts';

const stored = (spec: Record<string, unknown> | undefined) => ({
  apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: { name: 'default', resourceVersion: '812' },
  ...(spec === undefined ? {} : { spec }),
});

describe('denyActionOf', () => {
  it('reads iptablesFilterDenyAction, case-insensitive as felix reads it', () => {
    for (const value of ['Reject', 'REJECT', 'reject']) {
      expect(denyActionOf(stored({ iptablesFilterDenyAction: value, flowLogsFlushInterval: '5s' }))).to.deep.equal({
        action: 'Reject', field: 'iptablesFilterDenyAction', set: true, source: `FelixConfiguration default sets iptablesFilterDenyAction=${value}`,
      });
    }
    expect(denyActionOf(stored({ iptablesFilterDenyAction: 'Drop' }))).to.include({ action: 'Drop', set: true });
  });

  it("is Felix's default, Drop, where the field is unset or empty, or there is no default object", () => {
    expect(denyActionOf(stored({ logSeverityScreen: 'Info' }))).to.deep.equal({
      action: 'Drop', field: 'iptablesFilterDenyAction', set: false, source: "FelixConfiguration default leaves iptablesFilterDenyAction unset (Felix's default: Drop)",
    });
    expect(denyActionOf(stored({ iptablesFilterDenyAction: '' }))).to.include({ action: 'Drop', set: false });
    expect(denyActionOf(stored(undefined))).to.include({ action: 'Drop', set: false });
    expect(denyActionOf(undefined)).to.deep.equal({ action: 'Drop', field: 'iptablesFilterDenyAction', set: false, source: "there is no FelixConfiguration default (Felix's default: Drop)" });
  });

  it('reads nftablesFilterDenyAction when nftablesMode is Enabled, and only then', () => {
    const both = { iptablesFilterDenyAction: 'Drop', nftablesFilterDenyAction: 'Reject' };
    expect(denyActionOf(stored({ ...both, nftablesMode: 'Enabled' }))).to.include({ action: 'Reject', field: 'nftablesFilterDenyAction' });
    expect(denyActionOf(stored({ ...both, nftablesMode: 'Disabled' }))).to.include({ action: 'Drop', field: 'iptablesFilterDenyAction' });
    expect(denyActionOf(stored({ nftablesMode: 'Enabled', iptablesFilterDenyAction: 'Reject' }))).to.include({ action: 'Drop', field: 'nftablesFilterDenyAction', set: false });
  });

  it('is Drop under the eBPF dataplane, which reads neither field', () => {
    expect(denyActionOf(stored({ bpfEnabled: true, iptablesFilterDenyAction: 'Reject' }))).to.include({ action: 'Drop', field: 'bpfEnabled', set: true });
  });

  it('fails on a value that is neither Drop nor Reject, and on an object that is no FelixConfiguration', () => {
    expect(() => denyActionOf(stored({ iptablesFilterDenyAction: 'Accept' }))).to.throw(DenyActionError, 'sets iptablesFilterDenyAction=Accept: neither Drop nor Reject');
    expect(() => denyActionOf(stored({ iptablesFilterDenyAction: 7 }))).to.throw(DenyActionError);
    expect(() => denyActionOf({ items: [] })).to.throw(DenyActionError);
  });
});
