// The kubeconfig a read-only verb (capture, audit-flows) uses with --context: --kubeconfig, else
// the first of KUBECONFIG, else ~/.kube/config; a file that cannot be read or a context it lacks
// is bad input (exit 2), told before the cluster is asked anything.
import * as k8s from '@kubernetes/client-node';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.ts';

export function contextKubeconfig(context: string, kubeconfig: string | undefined): { kc: k8s.KubeConfig; kubeconfigPath: string } {
  const kubeconfigPath = kubeconfig ?? ((process.env['KUBECONFIG'] ?? '').split(':')[0] || resolve(process.env['HOME'] ?? '/root', '.kube/config'));
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromFile(kubeconfigPath);
  } catch (cause) {
    throw new UsageError(`cannot read the kubeconfig ${kubeconfigPath}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (!kc.getContextObject(context)) throw new UsageError(`no context "${context}" in ${kubeconfigPath}; it has: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'}`);
  return { kc, kubeconfigPath };
}
