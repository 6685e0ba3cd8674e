import { expect } from 'chai';
import { watchedPod, type WatchedPod } from './pod-status.ts';
import { decidePods, overdue } from './pods-readiness.ts';

interface Shape { phase?: string; ip?: string; ready?: boolean; waiting?: [string, string?]; terminated?: [number, string, string]; running?: boolean }

/** A pod as a watch event carries it (parsed as waitForPods parses it). */
function pod(key: string, s: Shape): WatchedPod {
  const [namespace, name] = key.split('/');
  const state = s.waiting ? { waiting: { reason: s.waiting[0], ...(s.waiting[1] ? { message: s.waiting[1] } : {}) } }
    : s.terminated ? { terminated: { exitCode: s.terminated[0], reason: s.terminated[1], message: s.terminated[2] } }
    : s.running ? { running: { startedAt: '2026-01-01T00:00:00Z' } } : undefined;
  return watchedPod.parse({
    metadata: { name, namespace, uid: 'u', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'probe' }] },
    status: {
      phase: s.phase ?? 'Pending',
      ...(s.ip ? { podIP: s.ip } : {}),
      conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False', ...(s.ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [probe]' }) }],
      containerStatuses: [{ name: 'probe', ready: s.ready === true, ...(state ? { state } : {}) }],
    },
  });
}
const seenOf = (...pods: WatchedPod[]) => new Map(pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
const wanted = new Set(['x/a', 'y/a']);
const readyA = pod('x/a', { phase: 'Running', ip: '10.244.0.5', ready: true, running: true });

describe('decidePods (waitForPods: what the watched pods say)', () => {
  it('ready once every wanted pod has Ready=True and an IP: their addresses and nodes', () => {
    const d = decidePods(seenOf(readyA, pod('y/a', { phase: 'Running', ip: '10.244.1.7', ready: true, running: true })), wanted);
    expect(d).to.deep.equal({ state: 'ready', pods: new Map([
      ['x/a', { namespace: 'x', name: 'a', ip: '10.244.0.5', node: 'node-1' }],
      ['y/a', { namespace: 'y', name: 'a', ip: '10.244.1.7', node: 'node-1' }],
    ]) });
  });

  it('waits while a wanted pod is missing, starting, or Ready without an IP; other ready pods do not count', () => {
    const others = pod('z/q', { phase: 'Running', ip: '10.244.0.9', ready: true, running: true });
    for (const y of [undefined, pod('y/a', { waiting: ['ContainerCreating'] }), pod('y/a', { phase: 'Running', ready: true, running: true }), pod('y/a', { phase: 'Running', ip: '10.244.1.7', running: true })]) {
      const seen = y ? seenOf(readyA, y, others) : seenOf(readyA, others);
      expect(decidePods(seen, wanted), y ? JSON.stringify(y.status) : 'y/a missing').to.deep.equal({ state: 'waiting', ready: 1 });
    }
  });

  it('stops at once for a pod that cannot start: image pull, crash loop, config error, an exited container', () => {
    const cases: [Shape, string][] = [
      [{ waiting: ['ImagePullBackOff', 'Back-off pulling image "probe:1"'] }, 'phase Pending; Ready=False (ContainersNotReady: containers with unready status: [probe]); container probe waiting: ImagePullBackOff Back-off pulling image "probe:1"'],
      [{ phase: 'Running', waiting: ['CrashLoopBackOff'] }, 'phase Running; Ready=False (ContainersNotReady: containers with unready status: [probe]); container probe waiting: CrashLoopBackOff'],
      [{ waiting: ['CreateContainerConfigError', 'no such secret'] }, 'phase Pending; Ready=False (ContainersNotReady: containers with unready status: [probe]); container probe waiting: CreateContainerConfigError no such secret'],
      [{ phase: 'Running', terminated: [2, 'Error', 'bind: permission denied'] }, 'phase Running; Ready=False (ContainersNotReady: containers with unready status: [probe]); container probe exited 2 (Error): bind: permission denied'],
    ];
    for (const [shape, reason] of cases) {
      const y = pod('y/a', shape);
      expect(decidePods(seenOf(readyA, y), wanted)).to.deep.equal({ state: 'hopeless', pod: y, reason });
    }
  });

  it('a pod that ended (Failed or Succeeded) says so', () => {
    const y = pod('y/a', { phase: 'Failed' });
    const d = decidePods(seenOf(readyA, y), wanted);
    expect(d.state === 'hopeless' ? d.reason : d.state).to.equal('pod Failed: phase Failed; Ready=False (ContainersNotReady: containers with unready status: [probe])');
  });

  it('any of the run\'s pods that cannot start stops the wait, even one not waited for', () => {
    const stray = pod('z/q', { waiting: ['ErrImageNeverPull'] });
    const d = decidePods(seenOf(readyA, pod('y/a', { phase: 'Running', ip: '10.244.1.7', ready: true, running: true }), stray), wanted);
    expect(d.state === 'hopeless' ? d.pod.metadata : d.state).to.deep.include({ namespace: 'z', name: 'q' });
  });
});

describe('overdue (waitForPods at its deadline)', () => {
  it('names the first wanted pod not seen, or seen and not Ready with its state; nothing when all are Ready', () => {
    expect(overdue(seenOf(readyA), wanted)).to.deep.equal({ missing: 'y/a' });
    const y = pod('y/a', { phase: 'Running', ip: '10.244.1.7', running: true });
    expect(overdue(seenOf(y), wanted)).to.deep.equal({ missing: 'x/a' });
    expect(overdue(seenOf(readyA, y), wanted)).to.deep.equal({ pod: y, state: 'phase Running; Ready=False (ContainersNotReady: containers with unready status: [probe]); container probe running, not ready' });
    expect(overdue(seenOf(readyA, pod('y/a', { phase: 'Running', ip: '10.244.1.7', ready: true })), wanted)).to.equal(undefined);
  });
});
