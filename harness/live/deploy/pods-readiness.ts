// What the watched pods say, decided without I/O: all Ready, one that never will be, or wait;
// and, at the deadline, which pod to name.
import { describeState, hopelessReason, isReady } from './pod-diagnosis.ts';
import type { WatchedPod } from './pod-status.ts';
import { podKey } from './placement.ts';

export interface ReadyPod { namespace: string; name: string; ip: string; node: string }

export type PodsDecision =
  | { state: 'waiting'; ready: number }
  | { state: 'ready'; pods: Map<string, ReadyPod> }
  /** Any pod of the run seen (wanted or not) that cannot become Ready stops the wait. */
  | { state: 'hopeless'; pod: WatchedPod; reason: string };

/** seen: the run's pods by `ns/name`, as last watched; wanted: the keys to wait for. */
export function decidePods(seen: ReadonlyMap<string, WatchedPod>, wanted: ReadonlySet<string>): PodsDecision {
  for (const p of seen.values()) {
    const reason = hopelessReason(p);
    if (reason !== undefined) return { state: 'hopeless', pod: p, reason };
  }
  const ready = [...wanted].map((k) => seen.get(k)).filter((p): p is WatchedPod => p !== undefined && isReady(p));
  return ready.length === wanted.size ? { state: 'ready', pods: new Map(ready.map((p) => [podKey(p.metadata), readyPod(p)])) } : { state: 'waiting', ready: ready.length };
}

/** At the deadline: the first wanted pod (in order) not seen, or seen and not Ready with its state. */
export function overdue(seen: ReadonlyMap<string, WatchedPod>, wanted: ReadonlySet<string>): { missing: string } | { pod: WatchedPod; state: string } | undefined {
  for (const k of wanted) {
    const p = seen.get(k);
    if (p === undefined) return { missing: k };
    if (!isReady(p)) return { pod: p, state: describeState(p) };
  }
  return undefined;
}

function readyPod(p: WatchedPod): ReadyPod {
  return { namespace: p.metadata.namespace, name: p.metadata.name, ip: p.status?.podIP ?? '', node: p.spec?.nodeName ?? '' };
}
