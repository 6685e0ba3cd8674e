// Real pods -> representative probe pods: one per (namespace, labels, service account, served
// container ports). Policies select by labels and namespace (and Calico by service account);
// ports decide which cells a destination has. So pods alike in these four answer alike, and a
// ReplicaSet of 50 becomes one probe pod standing for 50. Pure.
import { z } from 'zod';
import type { Protocol } from '../model/index.ts';
import { userLabels } from './strip.ts';
import type { CapturedPort, PodGroup } from './types.ts';

const protocols = ['TCP', 'UDP', 'SCTP'] as const;
const podSchema = z.object({
  metadata: z.object({
    name: z.string(),
    namespace: z.string(),
    generateName: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    ownerReferences: z.array(z.object({ kind: z.string() })).optional(),
  }),
  spec: z.object({
    serviceAccountName: z.string().optional(),
    hostNetwork: z.boolean().optional(),
    containers: z.array(z.object({
      ports: z.array(z.object({ containerPort: z.number().int(), protocol: z.enum(protocols).optional(), name: z.string().optional() })).optional(),
    })).default([]),
  }),
  status: z.object({ phase: z.string().optional() }).optional(),
});
type RawPod = z.output<typeof podSchema>;

export interface Grouping {
  groups: PodGroup[];
  /** Pods left out, and why (host network, finished, unparseable). */
  skipped: { pod: string; why: string }[];
}

export function groupPods(raw: readonly unknown[]): Grouping {
  const skipped: Grouping['skipped'] = [];
  const byKey = new Map<string, { group: Omit<PodGroup, 'name'>; first: RawPod }>();
  for (const item of raw) {
    const parsed = podSchema.safeParse(item);
    if (!parsed.success) {
      skipped.push({ pod: describe(item), why: `not a pod tierprobe can read: ${parsed.error.issues[0]?.message ?? ''}` });
      continue;
    }
    const pod = parsed.data;
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (pod.spec.hostNetwork) { skipped.push({ pod: id, why: 'host network: network policies do not select it' }); continue; }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') { skipped.push({ pod: id, why: `finished (${phase})` }); continue; }
    const labels = sortedRecord(userLabels(pod.metadata.labels));
    const serviceAccount = pod.spec.serviceAccountName ?? 'default';
    const ports = servedPorts(pod);
    const key = JSON.stringify([pod.metadata.namespace, labels, serviceAccount, ports]);
    const found = byKey.get(key);
    if (found) found.group.pods.push(pod.metadata.name);
    else byKey.set(key, { group: { namespace: pod.metadata.namespace, labels, serviceAccount, ports, pods: [pod.metadata.name] }, first: pod });
  }
  const taken = new Set<string>();
  const groups: PodGroup[] = [];
  const ordered = [...byKey.values()].sort((a, b) => a.group.namespace.localeCompare(b.group.namespace) || (a.group.pods[0] ?? '').localeCompare(b.group.pods[0] ?? ''));
  // Pods made by hand keep their own name first, so a name never moves to another group's representative.
  for (const pass of [true, false]) {
    for (const entry of ordered) {
      if ((entry.group.pods.length === 1 && entry.first.metadata.generateName === undefined) !== pass) continue;
      entry.group.pods.sort();
      const base = baseName(entry.first, entry.group.pods);
      groups.push({ ...entry.group, name: unique(entry.group.namespace, base, taken) });
    }
  }
  groups.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { groups, skipped };
}

/** The ports a pod's containers declare, sorted, one entry per port and protocol. */
function servedPorts(pod: RawPod): CapturedPort[] {
  const seen = new Map<string, CapturedPort>();
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      const protocol: Protocol = p.protocol ?? 'TCP';
      const key = `${p.containerPort}/${protocol}`;
      if (!seen.has(key)) seen.set(key, { port: p.containerPort, protocol, ...(p.name === undefined ? {} : { name: p.name }) });
    }
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** A pod made by hand keeps its name; pods a controller made are named by it (web-7d9f8-abcde -> web). */
function baseName(first: RawPod, pods: readonly string[]): string {
  if (pods.length === 1 && pods[0] !== undefined && first.metadata.generateName === undefined) return dnsLabel(pods[0]);
  let base = first.metadata.generateName?.replace(/-$/, '') ?? commonPrefix(pods).replace(/-+$/, '');
  // A ReplicaSet's pods are named DEPLOYMENT-HASH-xxxxx: the hash changes on every rollout.
  if (first.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet')) base = base.replace(/-[a-z0-9]{5,10}$/, '');
  return dnsLabel(base || 'pods');
}

function commonPrefix(names: readonly string[]): string {
  const first = names[0] ?? '';
  let n = first.length;
  for (const name of names) while (n > 0 && name.slice(0, n) !== first.slice(0, n)) n--;
  return first.slice(0, n);
}

/** A lowercase DNS label of at most 57 characters (room for a -NN suffix). */
function dnsLabel(text: string): string {
  const label = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 57).replace(/-+$/, '');
  return label || 'pod';
}

function unique(namespace: string, base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(`${namespace}/${name}`); i++) name = `${base}-${i}`;
  taken.add(`${namespace}/${name}`);
  return name;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}

function describe(item: unknown): string {
  const meta = (item as { metadata?: { namespace?: unknown; name?: unknown } } | null)?.metadata;
  return `${String(meta?.namespace ?? '?')}/${String(meta?.name ?? '?')}`;
}
