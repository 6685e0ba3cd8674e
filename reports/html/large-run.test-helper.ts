// A large live run, made up, for report.html's size test and bench: namespaces of pods probing
// each other on a few ports, every cell observed as a live run observes it (reproduce command,
// latency, convergence); a security policy denies every second namespace pair, and one cell in a
// thousand disagrees (the dataplane let a denied probe through).
import { buildRunDiff, type Observation } from '../../harness/diff/index.ts';
import { liveRun } from '../../harness/live/outputs/live-run.test-helper.ts';
import { reproduceCommand } from '../../harness/live/probe/observations.ts';
import type { LiveRun } from '../../harness/live/run-types.ts';
import type { Cell, DecidedBy } from '../../harness/model/index.ts';

export interface LargeRunShape { namespaces: number; podsPerNamespace: number; ports: number }

const deny: DecidedBy = { tier: 'security', policy: 'security.isolate', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' };
const reproduce = { kubeconfigPath: '/root/.kube/tierprobe', context: 'kind-tierprobe', timeoutMs: 1000 };

/** namespaces × podsPerNamespace pods, each to each on `ports` ports: (pods)² × ports cells. */
export function largeRun(shape: LargeRunShape): LiveRun {
  const pods = Array.from({ length: shape.namespaces * shape.podsPerNamespace }, (_, i) => {
    const ns = Math.floor(i / shape.podsPerNamespace);
    return { pod: `ns-${ns}/pod-${i % shape.podsPerNamespace}`, ns, node: `n${i % 3}`, ip: `10.244.${Math.floor(i / 250)}.${(i % 250) + 2}` };
  });
  const cells: Cell[] = [];
  const observations: Observation[] = [];
  let n = 0;
  for (let p = 0; p < shape.ports; p++) {
    const port = 8000 + p;
    for (const from of pods) {
      for (const to of pods) {
        const denied = from.ns !== to.ns && (from.ns + to.ns) % 2 === 1;
        cells.push({ from: from.pod, to: to.pod, port, protocol: 'TCP', verdict: denied ? 'deny' : 'allow', decidedBy: denied ? deny : null });
        const [namespace = '', name = ''] = from.pod.split('/');
        const path = from.node === to.node ? 'same-node' : 'cross-node';
        const leaked = denied && ++n % 1000 === 0;
        observations.push({
          from: from.pod, to: to.pod, port, protocol: 'TCP', observed: denied && !leaked ? 'dropped' : 'connected',
          latencyMs: denied && !leaked ? 1000 + (n % 7) / 10 : 0.2 + (n % 37) / 10, convergedMs: 250 + (n % 400), path,
          reproduce: reproduceCommand(reproduce, { namespace, name }, { key: '', from: from.pod, to: to.pod, host: to.ip, port, protocol: 'TCP', path }),
        });
      }
    }
  }
  const base = liveRun({ steps: 1 });
  return {
    ...base, scenario: 'large', totalSteps: 1,
    pods: pods.map((p) => ({ pod: p.pod, node: p.node, ip: p.ip })),
    diff: buildRunDiff('large', [{ name: 'isolate every second namespace pair', cells, observations }]),
  };
}
