import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { cellEvidence, type EvidenceCell } from './cell-evidence.ts';
import { flowResultSchema, type FlowResult, type PolicyHit } from './flow-schema.ts';

const live = (JSON.parse(readFileSync(new URL('./testdata/staged-knp-default-deny.json', import.meta.url), 'utf8')) as unknown[]).map((r) => flowResultSchema.parse(r));
const cell = (from: string, to: string, port = 80, protocol: 'TCP' | 'UDP' = 'TCP'): EvidenceCell => ({ key: `${from} -> ${to} ${port}/${protocol}`, from, to, port, protocol });
const profile = (ns: string): PolicyHit => ({ kind: 'Profile', namespace: '', name: `kns.${ns}`, tier: '', action: 'Allow', policy_index: 0, rule_index: 0 });
const denyHit: PolicyHit = { kind: 'NetworkPolicy', namespace: 'y', name: 'deny', tier: 'default', action: 'Deny', policy_index: 0, rule_index: -1, trigger: { kind: 'NetworkPolicy', namespace: 'y', name: 'deny', tier: 'default' } };

function record(o: { from: string; to?: string; reporter: 'Src' | 'Dst'; action: 'Allow' | 'Deny'; enforced: PolicyHit[]; pending?: PolicyHit[]; destType?: string; port?: number; proto?: string }): FlowResult {
  const [sns = '', sname = ''] = o.from.split('/');
  const [dns = '', dname = ''] = (o.to ?? 'pub/-').split('/');
  return {
    id: 1, flow: {
      Key: {
        source_name: sname, source_namespace: sns, source_type: 'WorkloadEndpoint', dest_name: o.to ? dname : 'pub', dest_namespace: o.to ? dns : '',
        dest_type: o.destType ?? 'WorkloadEndpoint', dest_port: o.port ?? 80, proto: o.proto ?? 'tcp', reporter: o.reporter, action: o.action,
        policies: { enforced_policies: o.enforced, pending_policies: o.pending ?? [] },
      },
      start_time: 100, end_time: 105, num_connections_started: 1,
    },
  };
}

describe('flow records mapped to cells', () => {
  it('combines the live Src and Dst records of a staged KNP deny: enforced allow by the profile, pending deny', () => {
    const e = cellEvidence([cell('sk/a', 'sk/b')], live, true).get('sk/a -> sk/b 80/TCP');
    expect(e).to.include({ records: 2, loggedVerdict: 'allow', loggedStagedVerdict: 'deny' });
    expect(e?.loggedAs).to.equal(null);
    expect(e?.loggedStagedAs).to.include({ kind: 'StagedKubernetesNetworkPolicy', ruleIndex: -1 });
  });

  it('does not read pending traces where the step has no staged policy', () => {
    const e = cellEvidence([cell('sk/a', 'sk/b')], live, false).get('sk/a -> sk/b 80/TCP');
    expect(e?.loggedStagedVerdict).to.equal(undefined);
  });

  it('an ingress deny: Src allows, Dst denies, and the Dst hit decides', () => {
    const flows = [record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Allow', enforced: [profile('x')] }), record({ from: 'x/a', to: 'y/b', reporter: 'Dst', action: 'Deny', enforced: [{ ...denyHit, kind: 'EndOfTier', name: '' }] })];
    const e = cellEvidence([cell('x/a', 'y/b')], flows, false).get('x/a -> y/b 80/TCP');
    expect(e?.loggedVerdict).to.equal('deny');
    expect(e?.loggedAs).to.include({ policy: 'knp.default.deny', ruleIndex: -1, action: 'Deny' });
  });

  it('an egress deny needs only the Src record; an allowed pod cell without its Dst record is missing evidence', () => {
    const denied = cellEvidence([cell('x/a', 'y/b')], [record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Deny', enforced: [{ ...denyHit, namespace: 'x' }] })], false).get('x/a -> y/b 80/TCP');
    expect(denied).to.include({ loggedVerdict: 'deny' });
    expect(denied?.missing).to.equal(undefined);
    const half = cellEvidence([cell('x/a', 'y/b')], [record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Allow', enforced: [profile('x')] })], false).get('x/a -> y/b 80/TCP');
    expect(half?.missing).to.match(/no Dst record/);
    expect(cellEvidence([cell('x/a', 'y/b')], [], false).get('x/a -> y/b 80/TCP')?.missing).to.match(/no Src record/);
  });

  it('an external target has only a Src record, matched by source, port and protocol', () => {
    const flows = [record({ from: 'x/a', reporter: 'Src', action: 'Allow', enforced: [profile('x')], destType: 'Network', port: 443 })];
    const e = cellEvidence([cell('x/a', 'external:internet', 443)], flows, false).get('x/a -> external:internet 443/TCP');
    expect(e).to.include({ loggedVerdict: 'allow', records: 1 });
    expect(e?.missing).to.equal(undefined);
  });

  it('two externals on one port from one source share their records (no address in the key): no verdict is read, nothing is flaky (seen live)', () => {
    const flows = [
      record({ from: 'x/a', reporter: 'Src', action: 'Allow', enforced: [profile('x')], destType: 'Network', port: 80 }),
      record({ from: 'x/a', reporter: 'Src', action: 'Deny', enforced: [{ ...denyHit, namespace: 'x' }], destType: 'Network', port: 80 }),
    ];
    const cells = [cell('x/a', 'external:server-b', 80), cell('x/a', 'external:server-other', 80), cell('x/b', 'external:server-b', 80)];
    const e = cellEvidence(cells, flows, false);
    for (const to of ['server-b', 'server-other']) {
      const c = e.get(`x/a -> external:${to} 80/TCP`);
      expect(c?.loggedVerdict, to).to.equal(undefined);
      expect(c?.flaky, to).to.equal(undefined);
      expect(c?.missing, to).to.equal(undefined);
      expect(c?.note, to).to.match(/flow logs name no external address/);
    }
    expect(e.get('x/b -> external:server-b 80/TCP')?.missing, 'another source is its own key').to.match(/no Src record/);
  });

  it('records of one reporter that disagree make the cell flaky in the log, never averaged', () => {
    const flows = [
      record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Allow', enforced: [profile('x')] }),
      record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Deny', enforced: [{ ...denyHit, namespace: 'x' }] }),
    ];
    const e = cellEvidence([cell('x/a', 'y/b')], flows, false).get('x/a -> y/b 80/TCP');
    expect(e?.flaky).to.match(/Src records disagree/);
    expect(e?.loggedVerdict).to.equal(undefined);
  });

  it('records with the same action but another decider are told, and the decider of most connections is taken (a UDP port reused, seen live)', () => {
    const pass: PolicyHit = { kind: 'GlobalNetworkPolicy', namespace: '', name: 'gnp', tier: 'default', action: 'Pass', policy_index: 0, rule_index: 1 };
    const fresh = record({ from: 'x/a', to: 'y/b', reporter: 'Dst', action: 'Allow', enforced: [pass, { ...profile('y'), policy_index: 1 }], proto: 'udp' });
    fresh.flow.num_connections_started = 9;
    const stale = record({ from: 'x/a', to: 'y/b', reporter: 'Dst', action: 'Allow', enforced: [profile('y')], proto: 'udp' });
    const flows = [record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Allow', enforced: [profile('x')], proto: 'udp' }), stale, fresh];
    const e = cellEvidence([cell('x/a', 'y/b', 80, 'UDP')], flows, false).get('x/a -> y/b 80/UDP');
    expect(e?.flaky).to.equal(undefined);
    expect(e?.loggedAs).to.include({ policy: 'gnp', action: 'Pass' });
    expect(e?.note).to.match(/Dst records also name Allow allow by no policy .*\(1 connection\(s\)\); taken: the decider of 9/);
  });

  it('says the pending ingress is not logged when enforcement dropped the packet at egress', () => {
    const flows = [record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Deny', enforced: [{ ...denyHit, namespace: 'x' }], pending: [profile('x')] })];
    const e = cellEvidence([cell('x/a', 'y/b')], flows, true).get('x/a -> y/b 80/TCP');
    expect(e?.loggedStagedVerdict).to.equal(undefined);
    expect(e?.note).to.match(/pending ingress verdict is not logged/);
  });

  it('ignores a record with no connection started in the window (a lingering conntrack entry, seen live after a new deny)', () => {
    const old = record({ from: 'x/a', to: 'y/b', reporter: 'Dst', action: 'Allow', enforced: [profile('y')] });
    old.flow.num_connections_started = 0;
    const flows = [record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Allow', enforced: [profile('x')] }), old,
      record({ from: 'x/a', to: 'y/b', reporter: 'Dst', action: 'Deny', enforced: [{ ...denyHit, kind: 'EndOfTier', name: '' }] })];
    const e = cellEvidence([cell('x/a', 'y/b')], flows, false).get('x/a -> y/b 80/TCP');
    expect(e?.flaky).to.equal(undefined);
    expect(e?.loggedVerdict).to.equal('deny');
  });

  it('ignores flows of other pods, protocols and ports', () => {
    const flows = [record({ from: 'x/a', to: 'y/c', reporter: 'Src', action: 'Allow', enforced: [profile('x')] }), record({ from: 'x/a', to: 'y/b', reporter: 'Src', action: 'Allow', enforced: [profile('x')], proto: 'udp' })];
    expect(cellEvidence([cell('x/a', 'y/b')], flows, false).get('x/a -> y/b 80/TCP')?.records).to.equal(0);
  });
});
