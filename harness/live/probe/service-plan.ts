// Who probes which Service: per step (backends follow its labels), per source pod, Service port
// and protocol, one target through the ClusterIP that stands for every backend cell of it.
import { cellKey } from '../../diff/index.ts';
import { knownVerdict, type Cell, type Verdict } from '../../model/index.ts';
import { podKey } from '../deploy/placement.ts';
import type { ReadyPod } from '../deploy/wait-for-pods.ts';
import type { ProbeTarget, SourcePlan } from './probe-plan.ts';

/** A Service as deployed: svc:NS/NAME, its ClusterIP and the name a pod looks it up by. */
export interface DeployedService { address: string; clusterIP: string; dnsName: string }

export interface ServiceBackendTarget {
  /** ns/pod */
  backend: string;
  /** The pod's name, as its agent's banner says it (a Service's backends share its namespace). */
  pod: string;
  /** The backend's cell key. */
  key: string;
  path: ProbeTarget['path'];
}

export interface ServiceProbe {
  clusterIP: string;
  dnsName: string;
  backends: ServiceBackendTarget[];
  /** Attempts per round: a connection to the ClusterIP reaches one backend at random. */
  attempts: number;
  /**
   * The model's DNS verdict for the source (53/UDP to kube-dns): allow, half the attempts go by
   * name; deny, one more attempt by name, whose lookup must fail; unknown or absent, none.
   */
  dns: Verdict | undefined;
}

/** Per backend, attempts enough that an allowed backend is missed by all of them with probability 2^-8 per backend or less. */
export const attemptsPerBackend = 8;
const maxAttempts = 64;

/** The agent ids of a Service target's attempts: key#0 ... key#N-1, and key#dns for the lookup that must fail. */
export function attemptId(t: ProbeTarget, i: number | 'dns'): string {
  return `${t.key}#${i}`;
}

/** The keys a target stands for: its own, or its backends' for a Service target. */
export function cellKeysOf(t: ProbeTarget): string[] {
  return t.service ? t.service.backends.map((b) => b.key) : [t.key];
}

/**
 * The step's plans: the pod and external targets, then a target per source, Service and port
 * that has backend cells at this step (SCTP ones are not probed, as for pods).
 */
export function withServiceTargets(plans: readonly SourcePlan[], cells: readonly Cell[], services: ReadonlyMap<string, DeployedService>,
  pods: ReadonlyMap<string, ReadyPod>): SourcePlan[] {
  const groups = new Map<string, Cell[]>();
  for (const c of cells) {
    if (c.backend === undefined || c.protocol === 'SCTP' || !services.has(c.to)) continue;
    const key = cellKey({ from: c.from, to: c.to, port: c.port, protocol: c.protocol });
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  if (groups.size === 0) return [...plans];
  return plans.map((plan) => {
    const extra = [...groups].flatMap(([key, group]): ProbeTarget[] => {
      const first = group[0];
      const svc = first && services.get(first.to);
      if (!first || !svc || first.from !== plan.key || first.protocol === 'SCTP') return [];
      const backends = group.map((c): ServiceBackendTarget => {
        const node = pods.get(c.backend ?? '')?.node;
        return { backend: c.backend ?? '', pod: (c.backend ?? '').split('/')[1] ?? '', key: cellKey(c), path: node === plan.pod.node ? 'same-node' : 'cross-node' };
      });
      return [{
        key, from: first.from, to: first.to, host: svc.clusterIP, port: first.port, protocol: first.protocol, path: backends[0]?.path ?? 'cross-node',
        service: { clusterIP: svc.clusterIP, dnsName: svc.dnsName, backends, attempts: Math.min(maxAttempts, attemptsPerBackend * backends.length), dns: first.dns ? knownVerdict(first.dns.verdict) : undefined },
      }];
    });
    return extra.length === 0 ? plan : { ...plan, targets: [...plan.targets, ...extra] };
  });
}

/** The agent targets one plan target sends: itself, or a Service target's attempts. */
export function agentTargetsOf(t: ProbeTarget): { id: string; host: string; port: number; protocol: 'TCP' | 'UDP' }[] {
  const s = t.service;
  if (!s) return [{ id: t.key, host: t.host, port: t.port, protocol: t.protocol }];
  const byName = (i: number) => s.dns === 'allow' && i % 2 === 1;
  const attempts = Array.from({ length: s.attempts }, (_, i) => ({ id: attemptId(t, i), host: byName(i) ? s.dnsName : s.clusterIP, port: t.port, protocol: t.protocol }));
  return s.dns === 'deny' ? [...attempts, { id: attemptId(t, 'dns'), host: s.dnsName, port: t.port, protocol: t.protocol }] : attempts;
}
