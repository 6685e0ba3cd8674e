// The public types of the model: the seam between the scenario/CLI side and the pure model.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Verdict = 'allow' | 'deny';
/** 'unknown': offline only, where the verdict depends on a pod address the model cannot know. */
export type CellVerdict = Verdict | 'unknown';

/** name: for Calico/k8s named ports. */
export interface PortSpec { port: number; protocol: Protocol; name?: string }
export interface NamespaceSpec { name: string; labels: Record<string, string> }
export interface PodSpec {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** 'default' unless the scenario says otherwise. */
  serviceAccount: string;
  ports: PortSpec[];
  /** Known only in live runs. */
  ip?: string;
}
export interface ExternalSpec { name: string; ip: string; ports: PortSpec[] }
/**
 * One port of a ClusterIP Service. targetPort: a number, or the name of a port the backend pods
 * declare (resolved per pod, for this protocol, as Kubernetes resolves it).
 */
export interface ServicePortSpec { port: number; protocol: Protocol; targetPort: number | string; name?: string }
/** A ClusterIP Service: its backends are the pods of its namespace whose labels hold every selector pair. */
export interface ServiceSpec { namespace: string; name: string; selector: Record<string, string>; ports: ServicePortSpec[] }
export interface Inventory {
  namespaces: NamespaceSpec[];
  pods: PodSpec[];
  externals: ExternalSpec[];
  /**
   * Offline: the CIDRs pods without an `ip` take their address from (the cluster's pod CIDR).
   * Absent or empty: unknown, taken as all of IPv4.
   */
  podCidrs?: string[];
  /** ClusterIP Services; service cells (Cell.backend) follow the pod cells. */
  services?: ServiceSpec[];
}

/** document: 0-based index of the YAML document in that file. */
export interface SourceRef { file: string; document: number }
/** doc: one parsed YAML document, native Calico/k8s YAML. */
export interface PolicyDocument { source: SourceRef; doc: unknown }
/**
 * kind: invalid, the API server would reject it; unsupported, the model cannot evaluate it as
 * Calico does (an error unless allowed); deviation, Calico runs it against the spec and the
 * model follows Calico (never an error, always worth a warning).
 */
export interface ModelProblem {
  source: SourceRef;
  /** Path inside doc. */
  path: (string | number)[];
  message: string;
  kind: 'invalid' | 'unsupported' | 'deviation';
}
export interface ResourceId { apiVersion: string; kind: string; namespace?: string; name: string }

export interface DecidedBy {
  tier: string;
  /** Calico's name, e.g. knp.default.x for a Kubernetes NetworkPolicy. */
  policy: string;
  kind: string;
  namespace?: string;
  /** -1: end-of-tier default action. */
  ruleIndex: number;
  action: 'Allow' | 'Deny' | 'Pass';
}
export interface Cell {
  /** ns/pod */
  from: string;
  /** ns/pod or external:NAME */
  to: string;
  port: number;
  protocol: Protocol;
  verdict: CellVerdict;
  decidedBy: DecidedBy | null;
  /** Present exactly when a verdict of the cell is 'unknown': on what address it depends. */
  unknownBecause?: string;
  stagedVerdict?: CellVerdict;
  /** What decided the pending (staged) trace; present exactly when stagedVerdict is. */
  stagedDecidedBy?: DecidedBy | null;
  promotedVerdict?: CellVerdict;
  /** Service cells (to: svc:NS/NAME) only: the backend pod (ns/pod) the connection reaches after DNAT. */
  backend?: string;
  /** Service cells only: the backend's port after DNAT (port is the Service's port). */
  targetPort?: number;
  /** Service cells only: may the source look the Service's name up (53/UDP to kube-dns), by the scenario's policies. */
  dns?: DnsVerdict;
}
/** A lookup by name that this denies fails: an error of the probe, never a deny of the Service. */
export interface DnsVerdict { verdict: CellVerdict; decidedBy: DecidedBy | null; unknownBecause?: string }
export type CalicoVersion = '3.30' | '3.31' | '3.32';
/** calicoVersion: default '3.31'; built-in tier names follow it. */
export interface ModelOptions { calicoVersion?: CalicoVersion }
