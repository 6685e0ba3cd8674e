// Which nodes probe pods may go to: Ready, not cordoned, and with no NoSchedule or NoExecute
// taint the probe pods do not tolerate. tierprobe places pods itself (nodeName, to get
// same-node and cross-node pairs), which skips the scheduler, so it applies these rules itself.
import type * as k8s from '@kubernetes/client-node';

export interface NodeChoice { usable: string[]; skipped: { name: string; why: string }[] }

/** The toleration probe pods get on the kind cluster tierprobe made: its control plane takes pods. */
export const kindTolerations: k8s.V1Toleration[] = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];

export function schedulableNodes(nodes: readonly k8s.V1Node[], tolerations: readonly k8s.V1Toleration[]): NodeChoice {
  const choice: NodeChoice = { usable: [], skipped: [] };
  for (const n of nodes) {
    const name = n.metadata?.name ?? '';
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const taint = (n.spec?.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => tolerates(tol, t)));
    if (!ready) choice.skipped.push({ name, why: 'not Ready' });
    else if (n.spec?.unschedulable) choice.skipped.push({ name, why: 'cordoned (unschedulable)' });
    else if (taint) choice.skipped.push({ name, why: `taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect} not tolerated` });
    else choice.usable.push(name);
  }
  choice.usable.sort();
  return choice;
}

/** Kubernetes' toleration match (an empty key with Exists tolerates every taint). */
function tolerates(tol: k8s.V1Toleration, taint: k8s.V1Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}
