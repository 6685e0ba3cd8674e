import { expect } from 'chai';
import type { V1Lease } from '@kubernetes/client-node';
import { aliveLeases } from './lease-liveness.ts';
import { runLabel } from './labels.ts';
import { serverTimeOffset } from './run-lease.ts';

const t0 = Date.parse('2026-01-01T00:00:00Z');
const lease = (run: string | undefined, spec: V1Lease['spec']): V1Lease => ({
  metadata: { name: `tierprobe-run-${run ?? 'x'}`, labels: { 'tierprobe.dev/owned-by': 'tierprobe', ...(run ? { [runLabel]: run } : {}) } },
  ...(spec ? { spec } : {}),
});
const renewedAt = (msAgo: number) => new Date(t0 - msAgo);

describe('aliveLeases (liveRuns: which runs are alive at a moment)', () => {
  it('a lease renewed within its duration is alive, with its holder; at or past the duration it has lapsed', () => {
    const leases = [
      lease('fresh', { holderIdentity: 'host/1', leaseDurationSeconds: 20, renewTime: renewedAt(19_999) }),
      lease('exactly', { holderIdentity: 'host/2', leaseDurationSeconds: 20, renewTime: renewedAt(20_000) }),
      lease('lapsed', { holderIdentity: 'host/3', leaseDurationSeconds: 20, renewTime: renewedAt(60_000) }),
    ];
    expect(aliveLeases(leases, t0)).to.deep.equal(new Map([['fresh', 'host/1']]));
  });

  it('a lease without renewTime has lapsed; one without a duration lasts 20 s; one without a holder is "?"', () => {
    const leases = [
      lease('never-renewed', { holderIdentity: 'host/1', leaseDurationSeconds: 3600 }),
      lease('default-short', { holderIdentity: 'host/2', renewTime: renewedAt(25_000) }),
      lease('default-alive', { renewTime: renewedAt(15_000) }),
    ];
    expect(aliveLeases(leases, t0)).to.deep.equal(new Map([['default-alive', '?']]));
  });

  it('uses its own duration (a longer lease outlives 20 s), and the moment asked about', () => {
    const long = lease('long', { holderIdentity: 'h', leaseDurationSeconds: 120, renewTime: renewedAt(100_000) });
    expect([...aliveLeases([long], t0).keys()]).to.deep.equal(['long']);
    expect([...aliveLeases([long], t0 + 20_000).keys()]).to.deep.equal([]);
  });

  it('leases without a run label and with no spec are not runs', () => {
    expect(aliveLeases([lease(undefined, { renewTime: renewedAt(0), leaseDurationSeconds: 20 }), lease('no-spec', undefined)], t0).size).to.equal(0);
  });

  it('takes "now" from the API server: a local clock ahead or behind does not change who is alive', () => {
    // The server says 12:00:10; this machine's clock says 12:05:00 (5 min ahead).
    const local = Date.parse('2026-12-01T12:05:00Z');
    const offset = serverTimeOffset({ date: 'Tue, 01 Dec 2026 12:00:10 GMT' }, local);
    expect(offset).to.equal(-290_000);
    const renewed = { metadata: { labels: { [runLabel]: 'r1' } }, spec: { renewTime: new Date('2026-12-01T12:00:00Z'), leaseDurationSeconds: 20 } };
    expect([...aliveLeases([renewed], local + offset).keys()]).to.deep.equal(['r1']);
    expect([...aliveLeases([renewed], local).keys()]).to.deep.equal([]); // what the local clock alone would say
    expect(serverTimeOffset({ Date: 'not a date' }, local)).to.equal(0);
    expect(serverTimeOffset(undefined, local)).to.equal(0);
  });
});
