// captureCluster: read a live cluster read-only (get, list, watch) and build a Capture in
// memory. The CLI (capture-run.ts) writes it to a directory; audit-flows and whatif --context
// use it as it is.
import type { KubeClients } from '../live/kube-clients.ts';
import type { Capture, CaptureOptions } from './types.ts';

/** projectcalico.org/v3 objects as Calico's own client returns them: `calicoctl get KIND -o yaml`. */
export interface CalicoReader {
  /** Every object of a kind (plural or kind name calicoctl knows), all namespaces for namespaced kinds; the YAML list text. */
  list(kind: string): Promise<string>;
}

export interface CaptureClients {
  kube: KubeClients;
  calico: CalicoReader;
}

/**
 * Reads namespaces, pods, every policy kind the model reads, IPPools and Service CIDRs, and
 * builds the scenario, its policy documents and the pods map. What RBAC refuses is listed in
 * Capture.unreadable (never silently left out); an unreachable API server or a cluster without
 * Calico's CRDs throws EnvironmentError.
 */
export async function captureCluster(clients: CaptureClients, options: CaptureOptions): Promise<Capture> {
  void clients; void options;
  throw new Error('captureCluster: not implemented yet');
}
