// A ClusterDump -> a Capture: the scenario (namespaces, one representative probe pod per group,
// one step applying the captured policies), its policy documents and the pods map. Pure: the
// unit tests and the bench feed it recorded or generated dumps.
import { sourceCidrs } from './cidrs.ts';
import { groupPods } from './group-pods.ts';
import { policyDocuments } from './policy-documents.ts';
import { selectNamespaces } from './select-namespaces.ts';
import type { Capture, CapturedPort, CaptureOptions, ClusterDump, PodGroup } from './types.ts';

/** What a replay on tierprobe's own kind cluster gives pods and Services (kind-config/default.yaml). */
export interface ReplayDefaults {
  podCIDR: readonly string[];
  serviceCIDR: readonly string[];
  /** The default kind config, parsed: the base of DIR/kind-config.yaml when the CIDRs differ. */
  kindConfig: Record<string, unknown>;
}

export const capturedStepName = 'captured policies';

export function buildCapture(dump: ClusterDump, o: CaptureOptions, defaults: ReplayDefaults): Capture {
  const notes: string[] = [];
  const { namespaces, excluded } = selectNamespaces(dump.namespaces, o);
  if (excluded.length > 0) notes.push(`system namespaces left out (name them in --namespaces, or --include-system): ${excluded.join(', ')}`);
  const names = new Set(namespaces.map((n) => n.name));
  const { groups, skipped } = groupPods(dump.pods.filter((p) => names.has(namespaceOf(p))));
  for (const s of skipped) notes.push(`pod ${s.pod} left out: ${s.why}`);
  const policies = policyDocuments(dump.kubePolicies, dump.calicoObjects, names);
  if (policies.outside > 0) notes.push(`${policies.outside} namespaced polic${policies.outside === 1 ? 'y' : 'ies'} in namespaces not captured left out`);
  const cidrs = sourceCidrs(dump);
  const probePorts = commonPorts(groups);
  const added = groups.filter((g) => !probePorts.every((p) => g.ports.some((q) => q.port === p.port && q.protocol === p.protocol)));
  if (added.length > 0) {
    notes.push(`${added.length} probe pod(s) serve ${probePorts.map(portText).join(', ')} (probe.ports: every probe pod serves a port) though their pods do not declare it `
      + `(${added.slice(0, 3).map((g) => `${g.namespace}/${g.name}`).join(', ')}${added.length > 3 ? ', ...' : ''}): their cells on that port do not exist on the source`);
  }
  const kindConfig = replayKindConfig(cidrs.podCIDR, cidrs.serviceCIDR, defaults);
  if (cidrs.podCIDR.length === 0) notes.push('the pod CIDR could not be read (no IPPool, no node podCIDRs): ipBlocks naming pod addresses may mean something else on replay');
  if (cidrs.serviceCIDR.length === 0) notes.push('the Service CIDR could not be read (no ServiceCIDR objects, no kubeadm-config): ipBlocks naming Service addresses may mean something else on replay');
  if (kindConfig) notes.push(`the source's CIDRs (pods ${cidrs.podCIDR.join(',')}, Services ${cidrs.serviceCIDR.join(',') || 'default'}) differ from tierprobe's kind cluster: the scenario names kind-config.yaml, a kind cluster "tierprobe-replay" with them`);
  for (const u of dump.unreadable) notes.push(`could not read ${u.what} (${u.why}): the scenario lacks ${u.lacks}`);

  const total = groups.reduce((n, g) => n + g.pods.length, 0);
  const scenario: Record<string, unknown> = {
    apiVersion: 'tierprobe/v1alpha1',
    kind: 'Scenario',
    metadata: {
      name: o.name ?? scenarioName(o.context),
      description: `Captured from context ${o.context}${dump.calicoVersion ? ` (Calico ${dump.calicoVersion})` : ''}: ${namespaces.length} namespace(s), `
        + `${total} pod(s) as ${groups.length} probe pod(s) (pods-map.json says which), ${policies.documents.length} polic${policies.documents.length === 1 ? 'y' : 'ies'}; `
        + `source pod CIDR ${cidrs.podCIDR.join(',') || 'unknown'}, Service CIDR ${cidrs.serviceCIDR.join(',') || 'unknown'}.`
        + (policies.present.length > 0 ? ` Present and not written (Calico's own): ${policies.present.map((p) => `${p.kind} ${p.name}`).join(', ')}.` : '')
        + (dump.unreadable.length > 0 ? ` INCOMPLETE: could not read ${dump.unreadable.map((u) => u.what).join(', ')}.` : ''),
    },
    cluster: { provider: 'kind', ...(kindConfig ? { kindConfig: 'kind-config.yaml' } : {}) },
    probe: { ports: probePorts.map(portText) },
    namespaces: namespaces.map((n) => ({
      name: n.name,
      ...(Object.keys(n.labels).length > 0 ? { labels: n.labels } : {}),
      pods: groups.filter((g) => g.namespace === n.name).map((g) => podEntry(g, probePorts)),
    })),
    steps: [{ name: capturedStepName, apply: policies.documents.map((d) => ({ file: d.file })) }],
  };
  return {
    scenario,
    ...(kindConfig ? { kindConfig } : {}),
    policies: policies.documents,
    present: policies.present,
    groups,
    podsMap: {
      context: o.context,
      representatives: Object.fromEntries(groups.map((g) => [`${g.namespace}/${g.name}`, g.pods.map((p) => `${g.namespace}/${p}`)])),
      podCIDR: cidrs.podCIDR,
      serviceCIDR: cidrs.serviceCIDR,
    },
    unreadable: dump.unreadable,
    ...(dump.calicoVersion === undefined ? {} : { calicoVersion: dump.calicoVersion }),
    notes,
  };
}

function podEntry(g: PodGroup, probePorts: readonly CapturedPort[]): Record<string, unknown> {
  // probe.ports covers what every group serves; a pod lists the rest, and the names of its ports.
  const own = g.ports.filter((p) => p.name !== undefined || !probePorts.some((q) => q.port === p.port && q.protocol === p.protocol));
  return {
    name: g.name,
    ...(Object.keys(g.labels).length > 0 ? { labels: g.labels } : {}),
    ...(own.length > 0 ? { ports: own.map((p) => (p.name === undefined ? portText(p) : { port: p.port, protocol: p.protocol, name: p.name })) } : {}),
    ...(g.serviceAccount === 'default' ? {} : { serviceAccount: g.serviceAccount }),
  };
}

/**
 * probe.ports: the ports every group declares; when none is common, the one most groups declare
 * (the probe agent serves at least one port, so a group without it is given it, and told).
 */
function commonPorts(groups: readonly PodGroup[]): CapturedPort[] {
  const counts = new Map<string, { port: CapturedPort; groups: number }>();
  for (const g of groups) {
    for (const p of g.ports) {
      const k = portText(p);
      const entry = counts.get(k) ?? { port: { port: p.port, protocol: p.protocol }, groups: 0 };
      entry.groups++;
      counts.set(k, entry);
    }
  }
  const ranked = [...counts.values()].sort((a, b) => b.groups - a.groups || a.port.port - b.port.port || a.port.protocol.localeCompare(b.port.protocol));
  const common = ranked.filter((e) => e.groups === groups.length).map((e) => e.port);
  if (common.length > 0) return common;
  return [ranked[0]?.port ?? { port: 80, protocol: 'TCP' }];
}

function replayKindConfig(pod: readonly string[], service: readonly string[], d: ReplayDefaults): Record<string, unknown> | undefined {
  const same = (a: readonly string[], b: readonly string[]) => a.length === 0 || a.join(',') === b.join(',');
  if (same(pod, d.podCIDR) && same(service, d.serviceCIDR)) return undefined;
  const networking = typeof d.kindConfig['networking'] === 'object' && d.kindConfig['networking'] !== null ? d.kindConfig['networking'] : {};
  return {
    ...d.kindConfig, name: 'tierprobe-replay',
    networking: { ...networking, ...(pod.length > 0 ? { podSubnet: pod.join(',') } : {}), ...(service.length > 0 ? { serviceSubnet: service.join(',') } : {}) },
  };
}

const portText = (p: CapturedPort) => `${p.port}/${p.protocol}`;

function scenarioName(context: string): string {
  return `capture-${context}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+$/, '').slice(0, 63).replace(/-+$/, '');
}

function namespaceOf(p: unknown): string {
  const ns = (p as { metadata?: { namespace?: unknown } } | null)?.metadata?.namespace;
  return typeof ns === 'string' ? ns : '';
}
