// A recorded cluster (testdata/dump-prod-eu.json: a shop namespace with a ReplicaSet mid-rollout,
// a StatefulSet, a tierprobe probe pod, a finished Job pod; ops with a host-network pod; kube-system;
// the Tigera operator's tier; every policy kind) through grouping, stripping and scenario writing.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { UsageError } from '../errors.ts';
import { loadScenario } from '../scenario/index.ts';
import { buildCapture, type ReplayDefaults } from './build-capture.ts';
import { groupPods } from './group-pods.ts';
import { sourceCidrs } from './cidrs.ts';
import { stripServerFields } from './strip.ts';
import { writeCapture } from './write-capture.ts';
import type { ClusterDump } from './types.ts';

const dump = JSON.parse(await readFile(join(import.meta.dirname, 'testdata', 'dump-prod-eu.json'), 'utf8')) as ClusterDump;
const defaults: ReplayDefaults = { podCIDR: ['10.244.0.0/16'], serviceCIDR: ['10.96.0.0/16'], kindConfig: { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', name: 'tierprobe', networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16', disableDefaultCNI: true } } };
const capture = () => buildCapture(dump, { namespaces: 'all', context: 'prod-eu' }, defaults);

describe('capture: grouping pods', () => {
  it('one group per (namespace, labels, service account, ports), named by what made the pods', () => {
    const { groups, skipped } = groupPods(dump.pods);
    expect(groups.map((g) => [`${g.namespace}/${g.name}`, g.pods.length])).to.deep.equal([
      ['kube-system/coredns', 1], ['ops/toolbox', 1],
      // StatefulSet pods differ in their pod-name label: each is its own group.
      ['shop/db', 1], ['shop/db-2', 1], ['shop/debug', 1],
      // Two revisions of one Deployment (pod-template-hash) are two groups.
      ['shop/web', 1], ['shop/web-2', 3],
    ]);
    const web = groups.find((g) => g.pods.length === 3);
    expect(web?.pods).to.deep.equal(['web-7d9f8b6c4-abcde', 'web-7d9f8b6c4-fghij', 'web-7d9f8b6c4-klmno']);
    expect(web?.serviceAccount).to.equal('web');
    expect(web?.ports).to.deep.equal([{ port: 8080, protocol: 'TCP', name: 'http' }]);
    expect(skipped.map((s) => s.pod)).to.deep.equal(['shop/migrate-x1', 'ops/agent-host']);
  });

  it("drops tierprobe's own labels, sorts ports and takes TCP where the protocol is left out", () => {
    const debug = groupPods(dump.pods).groups.find((g) => g.name === 'debug');
    expect(debug?.labels).to.deep.equal({ app: 'debug' });
    expect(debug?.serviceAccount).to.equal('default');
    expect(debug?.ports).to.deep.equal([{ port: 53, protocol: 'UDP' }, { port: 8080, protocol: 'TCP' }]);
  });

  it('pods alike but for their names are one group; a hand-made pod keeps its name before a group takes it', () => {
    const mk = (name: string, generateName?: string) => ({ metadata: { name, namespace: 'x', labels: { app: 'a' }, ...(generateName ? { generateName } : {}) }, spec: { containers: [] } });
    const { groups } = groupPods([mk('a-1', 'a-'), mk('a-2', 'a-'), { ...mk('a'), metadata: { name: 'a', namespace: 'x', labels: { app: 'b' } } }]);
    expect(groups.map((g) => [g.name, g.pods])).to.deep.equal([['a', ['a']], ['a-2', ['a-1', 'a-2']]]);
  });
});

describe('capture: stripping server-set fields', () => {
  it('removes status, uid, resourceVersion, generation, creationTimestamp, managedFields and the last-applied annotation; keeps the rest', () => {
    const np = dump.kubePolicies[0] as Record<string, unknown>;
    expect(stripServerFields(np)).to.deep.equal({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
      metadata: { name: 'db-from-web', namespace: 'shop', annotations: { owner: 'shop-team' } },
      spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }] },
    });
  });

  it("keeps Calico's defaulted fields (tier, order, types) and drops tierprobe's labels", () => {
    const tier = stripServerFields(dump.calicoObjects[4] as Record<string, unknown>);
    expect(tier).to.deep.equal({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 200, defaultAction: 'Pass' } });
    const gnp = stripServerFields(dump.calicoObjects[8] as Record<string, unknown>);
    expect(gnp['spec']).to.include({ tier: 'security', order: 10 });
    expect(gnp['metadata']).to.deep.equal({ name: 'security.isolate-shop' });
  });
});

describe('capture: CIDRs', () => {
  it('pods from enabled IPPools, Services from ServiceCIDRs; else node podCIDRs and kubeadm-config', () => {
    expect(sourceCidrs(dump)).to.deep.include({ podCIDR: ['192.168.0.0/16'], serviceCIDR: ['10.43.0.0/16'] });
    const kubeadm = 'networking:\n  podSubnet: 10.1.0.0/16\n  serviceSubnet: 10.2.0.0/16\n';
    expect(sourceCidrs({ ipPools: [], serviceCIDRs: [], nodePodCIDRs: ['10.1.1.0/24', '10.1.0.0/24'], kubeadmClusterConfiguration: kubeadm }))
      .to.deep.include({ podCIDR: ['10.1.0.0/24', '10.1.1.0/24'], serviceCIDR: ['10.2.0.0/16'], serviceFrom: 'kubeadm-config' });
    expect(sourceCidrs({ ipPools: [], serviceCIDRs: [], nodePodCIDRs: [] })).to.deep.include({ podCIDR: [], serviceCIDR: [] });
  });
});

describe('capture: the scenario', () => {
  it('leaves out system namespaces unless asked, and says so; a named namespace the cluster lacks is bad input', () => {
    const c = capture();
    expect((c.scenario['namespaces'] as { name: string }[]).map((n) => n.name)).to.deep.equal(['ops', 'shop']);
    expect(c.notes.join('\n')).to.include('system namespaces left out (name them in --namespaces, or --include-system): calico-system, kube-system');
    const withSystem = buildCapture(dump, { namespaces: 'all', includeSystem: true, context: 'prod-eu' }, defaults);
    expect(withSystem.policies.map((p) => p.name)).to.include.members(['sys', 'default.sys']);
    expect(() => buildCapture(dump, { namespaces: ['shop', 'nope'], context: 'prod-eu' }, defaults)).to.throw(UsageError, 'no namespace "nope"');
  });

  it("writes tiers, then sets, then policies; Calico's own objects and converted names are recorded, not written", () => {
    const c = capture();
    expect(c.policies.map((p) => `${p.kind} ${p.namespace ?? ''}/${p.name}`)).to.deep.equal([
      'Tier /security', 'GlobalNetworkSet /partners', 'NetworkSet ops/office',
      'NetworkPolicy shop/db-from-web', 'BaselineAdminNetworkPolicy /default',
      'GlobalNetworkPolicy /security.isolate-shop', 'NetworkPolicy shop/default.web-ingress', 'StagedNetworkPolicy ops/default.ops-lockdown',
    ]);
    expect(c.present.map((p) => `${p.kind} ${p.name}`)).to.deep.equal([
      'GlobalNetworkPolicy allow-tigera.cluster-dns', 'Tier adminnetworkpolicy', 'Tier allow-tigera', 'Tier baselineadminnetworkpolicy', 'Tier default',
    ]);
    expect(c.policies[0]?.file).to.equal('policies/01-tier-security.yaml');
  });

  it('maps each probe pod to the real pods, records the CIDRs and names a kind config with them when they differ from kind\'s', () => {
    const c = capture();
    expect(c.podsMap.representatives['shop/web-2']).to.deep.equal(['shop/web-7d9f8b6c4-abcde', 'shop/web-7d9f8b6c4-fghij', 'shop/web-7d9f8b6c4-klmno']);
    expect(c.podsMap).to.deep.include({ context: 'prod-eu', podCIDR: ['192.168.0.0/16'], serviceCIDR: ['10.43.0.0/16'] });
    expect(c.scenario['cluster']).to.deep.equal({ provider: 'kind', kindConfig: 'kind-config.yaml' });
    expect(c.kindConfig).to.deep.equal({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', name: 'tierprobe-replay', networking: { podSubnet: '192.168.0.0/16', serviceSubnet: '10.43.0.0/16', disableDefaultCNI: true } });
    const same = buildCapture({ ...dump, ipPools: [], serviceCIDRs: [], nodePodCIDRs: ['10.244.0.0/16'] }, { namespaces: ['shop'], context: 'kind-x' }, defaults);
    expect(same.scenario['cluster']).to.deep.equal({ provider: 'kind' });
    expect(same.kindConfig).to.equal(undefined);
  });

  it('says what a partial capture lacks, in its notes and its description', () => {
    const c = buildCapture({ ...dump, unreadable: [{ what: 'calicoctl get tiers', why: 'forbidden', lacks: 'every Tier' }] }, { namespaces: 'all', context: 'prod-eu' }, defaults);
    expect(c.notes).to.include('could not read calicoctl get tiers (forbidden): the scenario lacks every Tier');
    expect(capture().notes).to.include('2 probe pod(s) serve 8080/TCP (probe.ports: every probe pod serves a port) though their pods do not declare it (shop/db, shop/db-2): their cells on that port do not exist on the source');
    expect(String((c.scenario['metadata'] as { description: string }).description)).to.include('INCOMPLETE: could not read calicoctl get tiers');
  });

  it('written to a directory, loads as a valid scenario: the pods, their ports and service accounts, one step applying every policy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tierprobe-capture-'));
    await writeCapture(dir, capture());
    expect((await readdir(dir)).sort()).to.deep.equal(['capture.json', 'kind-config.yaml', 'pods-map.json', 'policies', 'scenario.yaml']);
    const text = await readFile(join(dir, 'scenario.yaml'), 'utf8');
    // calicoctl and the scenario reader agree on y: quoted.
    expect(text).to.include('flag: "y"');
    expect(text).to.include('# stands for 3 pod(s): web-7d9f8b6c4-abcde, web-7d9f8b6c4-fghij, web-7d9f8b6c4-klmno');
    const scenario = await loadScenario(join(dir, 'scenario.yaml'));
    expect(scenario.inventory.pods.map((p) => `${p.namespace}/${p.name} ${p.serviceAccount} ${p.ports.map((q) => `${q.port}/${q.protocol}${q.name ? `(${q.name})` : ''}`).join(',')}`)).to.deep.equal([
      'ops/toolbox ops 8080/TCP',
      'shop/db db 8080/TCP,5432/TCP', 'shop/db-2 db 8080/TCP,5432/TCP', 'shop/debug default 8080/TCP,53/UDP',
      'shop/web web 8080/TCP(http)', 'shop/web-2 web 8080/TCP(http)',
    ]);
    expect(scenario.steps).to.have.length(1);
    expect(scenario.inventory.podCidrs).to.deep.equal(['192.168.0.0/16']);
    const gnp = parse(await readFile(join(dir, 'policies', '06-globalnetworkpolicy-security.isolate-shop.yaml'), 'utf8')) as { metadata: unknown };
    expect(gnp.metadata).to.deep.equal({ name: 'security.isolate-shop' });
  });
});
