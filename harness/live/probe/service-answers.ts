// What a round's attempts through a ClusterIP say of each backend cell. A connected attempt names
// the pod that answered (its agent's banner or echo); a failed one names none, since kube-proxy
// picked a backend at random. So a backend that answered is reached; one that never answered while
// some attempts failed is taken as what those failures were, and the detail says with what chance
// an allowed backend misses every attempt; one that never answered while every attempt reached
// another backend gets no sample this round. Lookups by name are checked against the model's DNS
// verdict: a lookup that the model says may happen and fails (or the other way) is an error of
// every backend cell of the target, never a deny. Pure.
import type { Observed } from '../../diff/index.ts';
import type { DenySetting } from '../felix/deny-action.ts';
import type { AgentResult } from './agent-protocol.ts';
import { readAnswer } from './answer-reading.ts';
import type { ProbeTarget } from './probe-plan.ts';
import type { Sample } from './probe-round.ts';
import { attemptId, type ServiceProbe } from './service-plan.ts';

export interface FoldOptions {
  timeoutMs: number;
  denyAction?: DenySetting;
  sentAt: number;
  /** starved(latency, timeout): a drop noticed too late to count. */
  starved: (latencyMs: number, timeoutMs: number) => boolean;
}

interface Failure { observed: Observed; detail: string }

export function foldServiceAnswers(t: ProbeTarget & { service: ServiceProbe }, results: ReadonlyMap<string, AgentResult>, o: FoldOptions): Map<string, Sample> {
  const s = t.service;
  const via = `${s.clusterIP}:${t.port}/${t.protocol}`;
  const answered = new Map<string, { count: number; latencyMs: number; byName: number }>();
  const strays = new Set<string>();
  const failures: Failure[] = [];
  const errors: string[] = [];
  let dnsProblem: string | undefined;
  for (let i = 0; i < s.attempts; i++) {
    const r = results.get(attemptId(t, i));
    if (!r) {
      errors.push(`attempt ${i} has no answer from the agent`);
      continue;
    }
    if (r.lookupFailed) {
      dnsProblem ??= `the lookup of ${s.dnsName} failed although the model lets this source reach kube-dns (53/UDP): ${r.detail ?? 'no detail'}`;
      continue;
    }
    const byName = r.resolved !== undefined;
    if (byName && r.resolved !== s.clusterIP) dnsProblem ??= `${s.dnsName} was looked up to ${r.resolved}, not the Service's ClusterIP ${s.clusterIP}`;
    if (r.result === 'connected') {
      const backend = s.backends.find((b) => b.pod === r.pod);
      if (!backend) {
        strays.add(r.pod ?? 'a pod that did not name itself');
        continue;
      }
      const seen = answered.get(backend.key) ?? { count: 0, latencyMs: r.latencyMs, byName: 0 };
      answered.set(backend.key, { count: seen.count + 1, latencyMs: Math.min(seen.latencyMs, r.latencyMs), byName: seen.byName + (byName ? 1 : 0) });
    } else if (r.result === 'error' || (r.result === 'dropped' && o.starved(r.latencyMs, o.timeoutMs))) {
      errors.push(r.detail ?? r.result);
    } else {
      const read = readAnswer(r, o.denyAction, true);
      failures.push({ observed: read.observed, detail: read.detail ?? r.result });
    }
  }
  let dnsNote = '';
  if (s.dns === 'deny') {
    const r = results.get(attemptId(t, 'dns'));
    if (r && !r.lookupFailed && r.result !== 'error') dnsProblem ??= `${s.dnsName} was looked up to ${r.resolved ?? '?'} although the model says this source cannot reach kube-dns (53/UDP)`;
    if (r?.lookupFailed) dnsNote = `; the lookup of ${s.dnsName} failed, as the model says (this source cannot reach kube-dns)`;
  }
  const strayNote = strays.size > 0 ? `; also answered by ${[...strays].sort().join(', ')}, which the model does not count as backends of ${t.to}` : '';
  const out = new Map<string, Sample>();
  for (const b of s.backends) {
    const seen = answered.get(b.key);
    if (dnsProblem) {
      out.set(b.key, { observed: 'error', sentAt: o.sentAt, detail: dnsProblem });
    } else if (seen) {
      const names = seen.byName > 0 ? ` (${seen.byName} by the name ${s.dnsName})` : '';
      out.set(b.key, { observed: 'connected', latencyMs: seen.latencyMs, sentAt: o.sentAt, detail: `${b.pod} answered ${seen.count} of ${s.attempts} attempt(s) through ${via}${names}${dnsNote}${strayNote}` });
    } else if (failures.length > 0) {
      const [worst, count] = mostCommon(failures);
      const others = s.backends.length - 1;
      const miss = others === 0 ? '' : `; an allowed backend misses all ${s.attempts} with probability ${chance(s)}`;
      out.set(b.key, {
        observed: worst.observed, sentAt: o.sentAt,
        detail: `${b.pod} never answered ${s.attempts} attempt(s) through ${via}; ${failures.length} failed (${count} ${worst.observed}: ${worst.detail})${miss}${strayNote}`,
      });
    } else if (errors.length > 0 && answered.size === 0) {
      out.set(b.key, { observed: 'error', sentAt: o.sentAt, detail: `no attempt through ${via} was answered: ${errors[0] ?? ''}${strayNote}` });
    }
    // Else every attempt reached another backend: nothing is known of this one this round.
  }
  return out;
}

function mostCommon(failures: readonly Failure[]): [Failure, number] {
  const counts = new Map<Observed, number>();
  for (const f of failures) counts.set(f.observed, (counts.get(f.observed) ?? 0) + 1);
  const [observed, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['dropped', 0];
  return [failures.find((f) => f.observed === observed) ?? { observed, detail: '' }, count];
}

/** (1 - 1/n)^attempts, with n the backends: the chance that random selection never picks a given one. */
function chance(s: ServiceProbe): string {
  const p = (1 - 1 / s.backends.length) ** s.attempts;
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}
