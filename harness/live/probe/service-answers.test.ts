import { expect } from 'chai';
import type { Cell } from '../../model/index.ts';
import type { AgentResult } from './agent-protocol.ts';
import type { ProbeTarget, SourcePlan } from './probe-plan.ts';
import { starved } from './probe-round.ts';
import { foldServiceAnswers } from './service-answers.ts';
import { agentTargetsOf, attemptsPerBackend, cellKeysOf, withServiceTargets, type ServiceProbe } from './service-plan.ts';

const decided = { verdict: 'allow' as const, decidedBy: null };
function cell(backend: string, dns: 'allow' | 'deny' = 'allow'): Cell {
  return { from: 'x/a', to: 'svc:y/web', backend, port: 80, targetPort: 8080, protocol: 'TCP', verdict: 'allow', decidedBy: null, dns: { ...decided, verdict: dns } };
}
const source: SourcePlan = { pod: { namespace: 'x', name: 'a', node: 'n1', ip: '10.244.1.2' } as SourcePlan['pod'], key: 'x/a', targets: [] };
const pods = new Map([['y/a', { node: 'n1' }], ['y/b', { node: 'n2' }]]) as unknown as Parameters<typeof withServiceTargets>[3];
const services = new Map([['svc:y/web', { address: 'svc:y/web', clusterIP: '10.96.0.20', dnsName: 'web.y.svc' }]]);

function target(dns: 'allow' | 'deny' = 'allow'): ProbeTarget & { service: ServiceProbe } {
  const [plan] = withServiceTargets([source], [cell('y/a', dns), cell('y/b', dns)], services, pods);
  const t = plan?.targets[0];
  if (!t?.service) throw new Error('no service target');
  return { ...t, service: t.service };
}
const fold = (t: ProbeTarget & { service: ServiceProbe }, results: AgentResult[]) =>
  foldServiceAnswers(t, new Map(results.map((r) => [r.id, r])), { timeoutMs: 500, sentAt: 7, starved });
const yA = 'x/a -> svc:y/web (y/a) 80/TCP';
const yB = 'x/a -> svc:y/web (y/b) 80/TCP';

describe('Service targets: one per source and Service port, through the ClusterIP, for every backend cell', () => {
  it('groups the backend cells of a step, keeps each backend its own key and path, and sends attempts enough for all of them', () => {
    const t = target();
    expect(t).to.include({ key: 'x/a -> svc:y/web 80/TCP', host: '10.96.0.20', port: 80 });
    expect(cellKeysOf(t)).to.deep.equal([yA, yB]);
    expect(t.service.backends.map((b) => b.path)).to.deep.equal(['same-node', 'cross-node']);
    const sent = agentTargetsOf(t);
    expect(sent).to.have.length(2 * attemptsPerBackend);
    // DNS allowed: every second attempt goes by name.
    expect(sent.filter((a) => a.host === 'web.y.svc')).to.have.length(attemptsPerBackend);
    // DNS denied: every attempt through the ClusterIP, and one lookup that must fail.
    const denied = agentTargetsOf(target('deny'));
    expect(denied.filter((a) => a.host === 'web.y.svc').map((a) => a.id)).to.deep.equal(['x/a -> svc:y/web 80/TCP#dns']);
  });

  it('adds nothing for a step without backend cells, or a Service not deployed', () => {
    expect(withServiceTargets([source], [], services, pods)).to.deep.equal([source]);
    expect(withServiceTargets([source], [cell('y/a')], new Map(), pods)).to.deep.equal([source]);
  });
});

describe('foldServiceAnswers: what attempts through a ClusterIP say of each backend', () => {
  const t = target();
  const ok = (i: number, pod: string, byName = false): AgentResult => ({ id: `${t.key}#${i}`, result: 'connected', latencyMs: 1 + i, pod, ...(byName ? { resolved: '10.96.0.20' } : {}) });
  const drop = (i: number): AgentResult => ({ id: `${t.key}#${i}`, result: 'dropped', latencyMs: 500, detail: 'no SYN-ACK' });

  it('a backend that answered is connected; one that never did while others failed is taken as the failure, with the odds said', () => {
    const results = Array.from({ length: t.service.attempts }, (_, i) => (i % 2 === 0 ? ok(i, 'a', i % 4 === 2) : drop(i)));
    const out = fold(t, results);
    expect(out.get(yA)).to.include({ observed: 'connected', latencyMs: 1, sentAt: 7 });
    expect(out.get(yA)?.detail).to.equal('a answered 8 of 16 attempt(s) through 10.96.0.20:80/TCP (4 by the name web.y.svc)');
    expect(out.get(yB)?.observed).to.equal('dropped');
    expect(out.get(yB)?.detail).to.match(/^b never answered 16 attempt\(s\) through 10\.96\.0\.20:80\/TCP; 8 failed \(8 dropped: no SYN-ACK\); an allowed backend misses all 16 with probability 1\.5e-5$/);
  });

  it('says nothing of a backend every attempt passed by, and names a pod that is no backend', () => {
    const out = fold(t, Array.from({ length: t.service.attempts }, (_, i) => ok(i, i === 3 ? 'z' : 'a')));
    expect(out.has(yB)).to.equal(false);
    expect(out.get(yA)?.detail).to.contain('also answered by z, which the model does not count as backends of svc:y/web');
  });

  it('a lookup the model allows that fails, or one it denies that works, is an error of every backend cell, never a deny', () => {
    const failed = fold(t, [{ id: `${t.key}#1`, result: 'error', latencyMs: 500, lookupFailed: true, detail: 'lookup of web.y.svc failed after 500ms: i/o timeout' }, ok(0, 'a'), ok(2, 'b')]);
    expect(failed.get(yA)).to.include({ observed: 'error' });
    expect(failed.get(yB)?.detail).to.match(/^the lookup of web\.y\.svc failed although the model lets this source reach kube-dns/);
    const d = target('deny');
    const worked = foldServiceAnswers(d, new Map([[`${d.key}#dns`, { id: `${d.key}#dns`, result: 'connected', latencyMs: 3, resolved: '10.96.0.20', pod: 'a' }]]), { timeoutMs: 500, sentAt: 7, starved });
    expect(worked.get(yA)?.detail).to.equal('web.y.svc was looked up to 10.96.0.20 although the model says this source cannot reach kube-dns (53/UDP)');
    const refusedLookup = foldServiceAnswers(d, new Map([[`${d.key}#dns`, { id: `${d.key}#dns`, result: 'error', latencyMs: 500, lookupFailed: true }], [`${d.key}#0`, ok(0, 'a')]]), { timeoutMs: 500, sentAt: 7, starved });
    expect(refusedLookup.get(yA)?.observed).to.equal('connected');
    expect(refusedLookup.get(yA)?.detail).to.contain('; the lookup of web.y.svc failed, as the model says');
  });

  it('every attempt an error (the agent starved, or no answer) is an error, never a deny', () => {
    const out = fold(t, Array.from({ length: t.service.attempts }, (_, i) => ({ id: `${t.key}#${i}`, result: 'dropped' as const, latencyMs: 2000 })));
    expect(out.get(yA)?.observed).to.equal('error');
    expect(out.get(yB)?.detail).to.match(/^no attempt through 10\.96\.0\.20:80\/TCP was answered/);
  });
});
