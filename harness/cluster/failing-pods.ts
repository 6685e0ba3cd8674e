import * as k8s from '@kubernetes/client-node';

/** The pods of the system namespaces that are not Ready, with their last log lines. */
export async function describeFailingPods(kc: k8s.KubeConfig, namespaces: readonly string[], tailLines = 5): Promise<string> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const out: string[] = [];
  for (const namespace of namespaces) {
    const pods = await core.listNamespacedPod({ namespace }).catch(() => undefined);
    for (const pod of pods?.items ?? []) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      if (ready || pod.status?.phase === 'Succeeded') continue;
      const name = pod.metadata?.name ?? '?';
      const states = (pod.status?.containerStatuses ?? []).map((c) => {
        const s = c.state?.waiting?.reason ?? c.state?.terminated?.reason ?? (c.state?.running ? 'Running' : 'unknown');
        return `${c.name}: ${s}, restarts ${c.restartCount}`;
      });
      out.push(`${namespace}/${name} (${pod.status?.phase ?? '?'}; ${states.join('; ') || 'no containers started'})`);
      const container = pod.spec?.containers[0]?.name;
      if (!container) continue;
      const log = await core.readNamespacedPodLog({ name, namespace, container, tailLines }).catch(() => '');
      for (const line of String(log).trim().split('\n').filter(Boolean)) out.push(`    ${line.slice(0, 300)}`);
    }
  }
  return out.join('\n');
}
