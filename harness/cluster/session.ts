import type { V1Toleration } from '@kubernetes/client-node';

/** What the live runner gets from the cluster side: where the cluster is and how to use it. */
export interface ClusterSession {
  provider: 'kind' | 'existing';
  kubeconfigPath: string;
  context: string;
  /** The nodes probe pods may go to (Ready, schedulable, taints tolerated), in a stable order: pods are spread over them round-robin. */
  nodes: string[];
  /** What probe pods tolerate (on tierprobe's kind cluster, its control plane's taint; elsewhere nothing). */
  tolerations: V1Toleration[];
  /** The Docker network of the nodes (kind only): externals are started on it. */
  dockerNetwork?: string;
  /** The probe image reference, present on every node. */
  probeImage: string;
  /** Applies or deletes projectcalico.org/v3 documents (YAML text) the way Calico's own client does. */
  calico: CalicoResourceClient;
  versions: { kubernetes?: string; calico?: string; calicoVariant?: string };
  /** Where Calico's flow logs can be read (kind clusters tierprobe installed). */
  goldmane?: { namespace: string; port: number; protoPath: string };
}

export interface CalicoResourceClient {
  apply(yaml: string): Promise<void>;
  /** Like apply, but fails where one of the resources exists. */
  create(yaml: string): Promise<void>;
  delete(yaml: string): Promise<void>;
}
