// Which pods each policy applies to (its selector over the pods' labels as Calico sees them,
// namespace and service-account profiles included). Used to see whether a cluster-wide policy
// would reach pods outside a run.
import type { CompiledPolicy, CompiledPolicySet } from '../compile/compiled.ts';
import type { Inventory, SourceRef } from '../types.ts';
import { buildEndpoints } from './endpoints.ts';

export interface SelectedPods {
  /** Calico's name of the policy. */
  name: string;
  kind: CompiledPolicy['kind'];
  source: SourceRef;
  /** ns/pod of every pod of the inventory it applies to. */
  pods: string[];
}

export function selectedPods(set: CompiledPolicySet, inventory: Inventory): SelectedPods[] {
  const pods = buildEndpoints({ ...inventory, externals: [] }).filter((e) => e.isPod);
  return [...set.enforced.values(), ...set.staged].map((p) => ({
    name: p.name, kind: p.kind, source: p.source, pods: pods.filter((e) => p.selector.matches(e.labels)).map((e) => e.address),
  }));
}
