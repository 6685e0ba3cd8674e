import type { V1Toleration } from '@kubernetes/client-node';
import type { GoldmaneTls } from '../flows/goldmane-client.ts';

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
  /**
   * Where Calico's flow logs can be read: a pod labelled k8s-app=goldmane in namespace, on port.
   * tls: set where Goldmane requires mutual TLS (the Tigera operator's install); absent, plain
   * gRPC (the kind cluster tierprobe installed). On provider existing, found by
   * harness/flows/goldmane-discovery.ts; absent where it was not, and goldmaneUnavailable says why.
   */
  goldmane?: { namespace: string; port: number; protoPath: string; tls?: GoldmaneTls };
  /** provider existing: why Goldmane's flows cannot be read (what is missing, and what to do); set exactly when goldmane is not. */
  goldmaneUnavailable?: string;
}

export interface CalicoResourceClient {
  apply(yaml: string): Promise<void>;
  /** Like apply, but fails where one of the resources exists. */
  create(yaml: string): Promise<void>;
  delete(yaml: string): Promise<void>;
}
