// Why a probe pod is not Ready: its phase, container state and latest events, in one line each.
import type { CoreV1Api } from '@kubernetes/client-node';
import type { WatchedPod } from './pod-status.ts';

/** Container states that will not get better by waiting. */
const hopeless = new Set([
  'ErrImageNeverPull', 'ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'CreateContainerConfigError',
  'CreateContainerError', 'CrashLoopBackOff', 'RunContainerError',
]);

export function isReady(pod: WatchedPod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true && !!pod.status?.podIP;
}

/** A reason to stop waiting for this pod now, or undefined while it may still become Ready. */
export function hopelessReason(pod: WatchedPod): string | undefined {
  if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return `pod ${pod.status.phase}: ${describeState(pod)}`;
  for (const c of pod.status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting?.reason;
    if (waiting && hopeless.has(waiting)) return describeState(pod);
    if (c.state?.terminated) return describeState(pod);
  }
  return undefined;
}

/** Phase, conditions that are not True, and each container's state. */
export function describeState(pod: WatchedPod): string {
  const parts = [`phase ${pod.status?.phase ?? 'unknown'}`];
  for (const c of pod.status?.conditions ?? []) {
    if (c.status !== 'True') parts.push(`${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`);
  }
  for (const c of pod.status?.containerStatuses ?? []) {
    const s = c.state;
    if (s?.waiting) parts.push(`container ${c.name} waiting: ${s.waiting.reason ?? ''}${s.waiting.message ? ` ${s.waiting.message}` : ''}`);
    if (s?.terminated) parts.push(`container ${c.name} exited ${s.terminated.exitCode}${s.terminated.reason ? ` (${s.terminated.reason})` : ''}${s.terminated.message ? `: ${s.terminated.message}` : ''}`);
    if (s?.running && !c.ready) parts.push(`container ${c.name} running, not ready`);
  }
  return parts.join('; ');
}

/** The pod's latest events (warnings first), for a timeout message. */
export async function recentEvents(core: CoreV1Api, namespace: string, name: string, limit = 5): Promise<string[]> {
  try {
    const list = await core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` });
    const time = (e: (typeof list.items)[number]) => new Date(e.lastTimestamp ?? e.eventTime ?? 0).getTime();
    return list.items
      .sort((a, b) => Number(b.type === 'Warning') - Number(a.type === 'Warning') || time(b) - time(a))
      .slice(0, limit)
      .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`.trim());
  } catch (e) {
    return [`(events unavailable: ${e instanceof Error ? e.message : String(e)})`];
  }
}
