// On a cluster tierprobe does not own, a cluster-wide policy (GlobalNetworkPolicy, its staged
// kind, AdminNetworkPolicy, BaselineAdminNetworkPolicy) applies to every pod its selector
// matches, not only the run's. Before a run writes anything, the pods and namespaces outside
// the run are listed and each such policy's selector is evaluated on them with the model: one
// that would select any of them refuses the run, naming the policy and some of the pods,
// unless --allow-foreign-selection says the risk is taken. Read-only.
import type * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import { compilePolicies, isNamespacedKind, policySelections, type CalicoVersion, type Inventory } from '../../model/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure } from '../kube-error.ts';
import type { Logger } from '../logger.ts';
import { describeId } from '../policies/policy-client.ts';

export interface ForeignReachOptions { calicoVersion: CalicoVersion; allow: boolean; logger: Logger }

/** What each cluster-wide policy of the scenario would select outside the run: policy name -> ns/pod. */
export function foreignSelections(scenario: Pick<Scenario, 'steps'>, outside: Inventory, calicoVersion: CalicoVersion): Map<string, Set<string>> {
  const hits = new Map<string, Set<string>>();
  for (const step of scenario.steps) {
    const docs = step.alive.filter((d) => !isNamespacedKind(d.id.apiVersion, d.id.kind));
    if (docs.length === 0) continue;
    const { policies } = compilePolicies(docs, { calicoVersion });
    for (const s of policySelections(policies, outside)) {
      if (s.pods.length === 0) continue;
      // Named as the scenario names it, not as Calico does (kanp.adminnetworkpolicy.x).
      const doc = docs.find((d) => d.source.file === s.source.file && d.source.document === s.source.document);
      const policy = doc ? describeId(doc.id) : `${s.kind} ${s.name}`;
      const seen = hits.get(policy) ?? new Set<string>();
      for (const p of s.pods) seen.add(p);
      hits.set(policy, seen);
    }
  }
  return hits;
}

export async function refuseForeignReach(clients: KubeClients, scenario: Pick<Scenario, 'steps' | 'inventory'>, o: ForeignReachOptions): Promise<void> {
  if (!scenario.steps.some((s) => s.apply.some((d) => !isNamespacedKind(d.id.apiVersion, d.id.kind)))) return;
  const hits = foreignSelections(scenario, await outsideTheRun(clients, scenario.inventory.namespaces.map((n) => n.name)), o.calicoVersion);
  if (hits.size === 0) return;
  const told = [...hits].map(([policy, pods]) => {
    const some = [...pods].slice(0, 3);
    return `${policy} would select ${some.join(', ')}${pods.size > some.length ? ` and ${pods.size - some.length} more pod(s)` : ''}`;
  });
  if (o.allow) {
    for (const t of told) o.logger.warn(`--allow-foreign-selection: ${t}, outside the run`);
    return;
  }
  throw new EnvironmentError(`refusing to run: cluster-wide policies would apply to pods outside the run (${told.join('; ')}); nothing was changed`, {
    hint: 'narrow their selectors to the scenario\'s namespaces (for example projectcalico.org/namespace in {...}), or, on a cluster where that is acceptable, '
      + 'pass --allow-foreign-selection: those pods\' traffic then follows the policies while the run lasts (a deny cuts them off)',
  });
}

/** The cluster's namespaces and pods outside the run's namespaces (pods on the host network are no Calico workloads). */
async function outsideTheRun(clients: KubeClients, runNamespaces: readonly string[]): Promise<Inventory> {
  const [namespaces, pods] = await Promise.all([
    clients.core.listNamespace().catch((e: unknown) => { throw apiFailure('list namespaces', e); }),
    clients.core.listPodForAllNamespaces().catch((e: unknown) => { throw apiFailure('list pods in all namespaces', e); }),
  ]);
  const mine = new Set(runNamespaces);
  return {
    namespaces: namespaces.items.filter((n) => !mine.has(n.metadata?.name ?? '')).map((n) => ({ name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {} })),
    pods: pods.items.filter((p) => !mine.has(p.metadata?.namespace ?? '') && p.spec?.hostNetwork !== true).map((p: k8s.V1Pod) => ({
      namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '', labels: p.metadata?.labels ?? {},
      serviceAccount: p.spec?.serviceAccountName ?? 'default', ports: [],
    })),
    externals: [],
  };
}
