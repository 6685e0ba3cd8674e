// Waits for the run's probe pods to be Ready by watching them (no polling, no sleeping), and
// says which pod is stuck and why when they are not.
import { EnvironmentError } from '../../errors.ts';
import type { Clock } from '../../time/clock.ts';
import type { KubeClients } from '../kube-clients.ts';
import { runLabel } from '../labels.ts';
import { recentEvents } from './pod-diagnosis.ts';
import { watchedPod, type WatchedPod } from './pod-status.ts';
import { decidePods, overdue, type ReadyPod } from './pods-readiness.ts';
import { podKey } from './placement.ts';

export type { ReadyPod } from './pods-readiness.ts';

export interface WaitForPodsOptions {
  runId: string; timeoutMs: number; clock: Clock; signal?: AbortSignal;
  /** Each time the count of wanted pods that are Ready is seen (it may repeat). */
  onReady?: (ready: number) => void;
}

export async function waitForPods(clients: KubeClients, wanted: readonly { namespace: string; name: string }[], o: WaitForPodsOptions): Promise<Map<string, ReadyPod>> {
  const seen = new Map<string, WatchedPod>();
  const keys = new Set(wanted.map(podKey));
  const stop = new AbortController();
  const onAbort = () => stop.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const watches: AbortController[] = [];
  try {
    return await new Promise<Map<string, ReadyPod>>((resolve, reject) => {
      let failing = false;
      const fail = (p: WatchedPod, state: string, what: string) => {
        if (failing) return;
        failing = true;
        void stuck(clients, p, state, what).then(reject);
      };
      const check = () => {
        const d = decidePods(seen, keys);
        if (d.state === 'hopeless') fail(d.pod, d.reason, 'will not become Ready');
        else if (d.state === 'ready') { o.onReady?.(d.pods.size); resolve(d.pods); } else o.onReady?.(d.ready);
      };
      const start = async (namespace: string): Promise<void> => {
        if (stop.signal.aborted) return;
        const controller = await clients.watch.watch(`/api/v1/namespaces/${namespace}/pods`, { labelSelector: `${runLabel}=${o.runId}` },
          (phase: string, obj: unknown) => {
            const parsed = watchedPod.safeParse(obj);
            if (!parsed.success) return;
            const key = podKey(parsed.data.metadata);
            if (phase === 'DELETED') seen.delete(key);
            else seen.set(key, parsed.data);
            check();
          },
          // The server ends watches now and then: start again (a new watch lists the current state first).
          () => { if (!stop.signal.aborted) void o.clock.sleep(100, stop.signal).then(() => start(namespace), () => undefined); });
        watches.push(controller);
      };
      for (const ns of new Set(wanted.map((w) => w.namespace))) start(ns).catch(reject);
      o.clock.sleep(o.timeoutMs, stop.signal).then(() => {
        const late = overdue(seen, keys);
        if (late && 'pod' in late) fail(late.pod, late.state, `is not Ready after ${o.timeoutMs / 1000} s`);
        else reject(new EnvironmentError(`pod ${late?.missing ?? '?'} did not appear within ${o.timeoutMs / 1000} s`, { hint: 'check the API server and the namespace' }));
      }, reject);
    });
  } finally {
    stop.abort();
    o.signal?.removeEventListener('abort', onAbort);
    for (const w of watches) w.abort();
  }
}

/** An EnvironmentError naming the pod, its state and its latest events. */
async function stuck(clients: KubeClients, p: WatchedPod, state: string, what: string): Promise<EnvironmentError> {
  const { namespace, name } = p.metadata;
  const events = await recentEvents(clients.core, namespace, name);
  return new EnvironmentError(`probe pod ${namespace}/${name} ${what}: ${state}`, {
    hint: 'is the probe image on every node (kind load docker-image)? See the events above; `kubectl describe pod` tells more',
    command: `kubectl -n ${namespace} describe pod ${name}`,
    output: events.join('\n'),
  });
}
