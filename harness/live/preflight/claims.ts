// What a run will write outside its own namespaces' contents: the namespaces themselves and
// every cluster-scoped object any step applies. The preflight looks each one up before the
// run writes anything. Namespaced policies need no look-up: the loader keeps them inside the
// scenario's namespaces, which the run creates.
import { identityKey, isNamespacedKind, type ResourceId } from '../../model/index.ts';
import type { Scenario } from '../../scenario/index.ts';

export function runClaims(scenario: Pick<Scenario, 'inventory' | 'steps'>): ResourceId[] {
  const claims = new Map<string, ResourceId>();
  const add = (id: ResourceId) => { claims.set(identityKey(id), id); };
  for (const ns of scenario.inventory.namespaces) add({ apiVersion: 'v1', kind: 'Namespace', name: ns.name });
  for (const step of scenario.steps) {
    for (const doc of step.apply) if (!isNamespacedKind(doc.id.apiVersion, doc.id.kind)) add(doc.id);
  }
  return [...claims.values()];
}
