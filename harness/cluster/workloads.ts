/** The workloads that must be Ready before the cluster counts as up. */
export interface Workload {
  kind: 'DaemonSet' | 'Deployment';
  namespace: string;
  name: string;
  /** Shown in status output. */
  label: string;
}

export const requiredWorkloads: readonly Workload[] = [
  { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node', label: 'calico-node' },
  { kind: 'Deployment', namespace: 'kube-system', name: 'calico-kube-controllers', label: 'calico-kube-controllers' },
  { kind: 'Deployment', namespace: 'calico-system', name: 'goldmane', label: 'goldmane' },
  { kind: 'Deployment', namespace: 'kube-system', name: 'coredns', label: 'coredns' },
  { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy', label: 'kube-proxy' },
];
