// What a capture is: a live cluster's namespaces, pods and policies read read-only, turned into
// a replayable scenario. The types only: reading is read-cluster.ts, building build-capture.ts.
import type { Protocol } from '../model/index.ts';

/** Where and what to capture. */
export interface CaptureOptions {
  /** The namespaces to capture (their pods and namespaced policies); `all` = every namespace but the system ones. */
  namespaces: readonly string[] | 'all';
  /** With `all`: keep kube-*, calico-*, tigera-* and the other system namespaces too. */
  includeSystem?: boolean;
  /** metadata.name of the scenario written (default: capture-<context>, made a DNS label). */
  name?: string;
  /** The context captured, for the scenario's description and the pods map. */
  context: string;
}

/** A port a real pod's containers declare. */
export interface CapturedPort { port: number; protocol: Protocol; name?: string }

/** An object capture was refused (RBAC) or could not read, and what the scenario lacks without it. */
export interface Unreadable {
  /** e.g. `list networkpolicies.networking.k8s.io` or `calicoctl get globalnetworkpolicies`. */
  what: string;
  /** The HTTP status or the command's message. */
  why: string;
  /** What the scenario then lacks, said for the person. */
  lacks: string;
}

/**
 * Everything capture read, as the API (or calicoctl) returned it: JSON objects, not yet stripped.
 * Recorded dumps of this shape are the unit tests' and the bench's input.
 */
export interface ClusterDump {
  context: string;
  namespaces: unknown[];
  pods: unknown[];
  /** Kubernetes-side policies (networking.k8s.io NetworkPolicy, ANP, BANP), with apiVersion and kind set. */
  kubePolicies: unknown[];
  /** projectcalico.org/v3 objects from calicoctl get -o yaml (Tiers, policies, staged kinds, sets). */
  calicoObjects: unknown[];
  /** Calico IPPools (projectcalico.org/v3): where pod addresses come from. */
  ipPools: unknown[];
  /** networking.k8s.io/v1 ServiceCIDRs, where the API serves them. */
  serviceCIDRs: unknown[];
  /** spec.podCIDRs of the nodes: the pod CIDR when no IPPool could be read. */
  nodePodCIDRs: string[];
  /** kube-system/kubeadm-config's ClusterConfiguration text, where readable. */
  kubeadmClusterConfiguration?: string;
  calicoVersion?: string;
  unreadable: Unreadable[];
}

/** One policy document written to DIR/policies/. */
export interface PolicyDocument {
  /** Relative to DIR: policies/NN-kind-namespace-name.yaml. */
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The object as written (server-set fields stripped). */
  object: Record<string, unknown>;
}

/** A Calico object present on the source cluster but not written to apply (built in, or Calico's own). */
export interface PresentObject { kind: string; name: string; namespace?: string; why: string }

/** A representative probe pod and the real pods it stands for. */
export interface PodGroup {
  namespace: string;
  /** The representative's name in the scenario. */
  name: string;
  labels: Record<string, string>;
  serviceAccount: string;
  ports: CapturedPort[];
  /** The real pods' names, sorted. */
  pods: string[];
}

/** DIR/pods-map.json: representative `ns/name` -> the real pods (`ns/name`) it stands for. */
export interface PodsMap {
  context: string;
  /** Representative address -> real pod addresses. */
  representatives: Record<string, string[]>;
  podCIDR: string[];
  serviceCIDR: string[];
}

/** What captureCluster returns: enough to write DIR, or to use in memory (whatif, audit-flows). */
export interface Capture {
  /** The scenario file's content (tierprobe/v1alpha1 Scenario), its apply entries naming `policies[].file`. */
  scenario: Record<string, unknown>;
  /** DIR/kind-config.yaml's content when the source's CIDRs differ from tierprobe's kind defaults. */
  kindConfig?: Record<string, unknown>;
  policies: PolicyDocument[];
  /** Built-in tiers and Calico's own policies: recorded, not applied. */
  present: PresentObject[];
  groups: PodGroup[];
  podsMap: PodsMap;
  unreadable: Unreadable[];
  /** Things the person should know that are not errors (a pod without ports, an excluded namespace...). */
  notes: string[];
  /** ClusterInformation's calicoVersion (such as v3.31.0), where it could be read. */
  calicoVersion?: string;
}
