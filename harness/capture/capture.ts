// captureCluster: read a live cluster read-only (get, list, watch) and build a Capture in
// memory. The CLI (capture-run.ts) writes it to a directory; audit-flows and whatif --context
// use it as it is.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { KubeClients } from '../live/kube-clients.ts';
import { defaultKindConfig } from '../scenario/index.ts';
import { buildCapture, type ReplayDefaults } from './build-capture.ts';
import { readCluster } from './read-cluster.ts';
import { isRecord } from './strip.ts';
import type { Capture, CaptureOptions } from './types.ts';

/** projectcalico.org/v3 objects as Calico's own client returns them: `calicoctl get KIND -o yaml`. */
export interface CalicoReader {
  /** Every object of a kind (a plural calicoctl knows), of all namespaces when namespaced: the YAML list text. */
  list(kind: string, namespaced: boolean): Promise<string>;
}

export interface CaptureClients {
  kube: KubeClients;
  calico: CalicoReader;
}

/**
 * Reads namespaces, pods, every policy kind the model reads, IPPools and Service CIDRs, and
 * builds the scenario, its policy documents and the pods map. What RBAC refuses is listed in
 * Capture.unreadable (never silently left out); an unreachable API server or a cluster without
 * Calico's CRDs throws EnvironmentError; a --namespaces name the cluster lacks, UsageError.
 */
export async function captureCluster(clients: CaptureClients, options: CaptureOptions): Promise<Capture> {
  const dump = await readCluster(clients, options.context, options.namespaces);
  return buildCapture(dump, options, await replayDefaults());
}

/** The pod and Service CIDRs of tierprobe's kind cluster, from its config. */
export async function replayDefaults(path: string = defaultKindConfig): Promise<ReplayDefaults> {
  const parsed: unknown = parse(await readFile(path, 'utf8'));
  const kindConfig = isRecord(parsed) ? parsed : {};
  const networking = isRecord(kindConfig['networking']) ? kindConfig['networking'] : {};
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback).split(',').map((s) => s.trim());
  return { kindConfig, podCIDR: text(networking['podSubnet'], '10.244.0.0/16'), serviceCIDR: text(networking['serviceSubnet'], '10.96.0.0/16') };
}
