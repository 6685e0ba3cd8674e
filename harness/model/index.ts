// The only import point of the policy model. Pure: no I/O.
export type {
  Protocol, Verdict, CellVerdict, PortSpec, NamespaceSpec, PodSpec, ExternalSpec, Inventory, SourceRef,
  PolicyDocument, ModelProblem, ResourceId, DecidedBy, Cell, CalicoVersion, ModelOptions,
  ServiceSpec, ServicePortSpec, DnsVerdict,
} from './types.ts';
export { noBackendReason, resolveTargetPort, selectedPods as serviceSelectedPods, serviceAddress, serviceBackends } from './services/backends.ts';
export type { Backend, ServicePortBackends } from './services/backends.ts';
export { KUBE_DNS } from './evaluate/service-cells.ts';
export { identify, identityKey, isNamespacedKind } from './compile/identify.ts';
export { tieredName } from './compile/names.ts';
export { InventoryError } from './evaluate/endpoints.ts';
export { knownVerdict } from './verdict.ts';
export { SelectorParseError } from './selector/index.ts';
import { compileSet } from './compile/compile-set.ts';
import type { CompiledPolicySet } from './compile/compiled.ts';
import { cellRows, evaluateCells, type CellRows } from './evaluate/evaluate-cells.ts';
import { serviceRows } from './evaluate/service-cells.ts';
export type { CellRows } from './evaluate/evaluate-cells.ts';
import { selectedPods, type SelectedPods } from './evaluate/selected-pods.ts';
export type { SelectedPods } from './evaluate/selected-pods.ts';
export * from './evaluate/walkthrough.ts';
export { sideDecisions, DirectionQueryError, type SideDecision, type SideDecisions, type DirectionQuery } from './evaluate/direction-decisions.ts';
import type { CalicoVersion, Cell, Inventory, ModelOptions, ModelProblem, PolicyDocument } from './types.ts';

/** Compiled policies; treat as opaque (only `evaluate` reads `compiled`). */
export interface PolicySet {
  readonly calicoVersion: CalicoVersion;
  /** True when a staged policy is present: cells then carry stagedVerdict and promotedVerdict. */
  readonly hasStaged: boolean;
  readonly compiled: CompiledPolicySet;
}

export class ModelOptionsError extends Error {
  override name = 'ModelOptionsError';
}

/**
 * Parse and compile every document alive at a step. Invalid documents (the API server would
 * reject them) are left out; unsupported fields are reported and evaluated as documented;
 * deviations (Calico runs the field against the spec) are reported and evaluated as Calico does.
 */
export function compilePolicies(docs: PolicyDocument[], opts?: ModelOptions): { policies: PolicySet; problems: ModelProblem[] } {
  const { set, problems } = compileSet(docs, opts);
  return { policies: { calicoVersion: set.version, hasStaged: set.staged.length > 0, compiled: set }, problems };
}

/**
 * One cell per (source pod, destination pod or external, destination port), in inventory order;
 * then, per source pod, one per (Service, Service port, backend) (service-cells.ts).
 */
export function evaluate(inventory: Inventory, policies: PolicySet, opts?: ModelOptions): Cell[] {
  checkVersion(policies, opts);
  const cells = evaluateCells(inventory, policies.compiled);
  const services = serviceRows(inventory, policies.compiled);
  for (let i = 0; i < services.count; i++) services.visit(i, (c) => { cells.push(c); });
  return cells;
}

function checkVersion(policies: PolicySet, opts: ModelOptions | undefined): void {
  if (opts?.calicoVersion !== undefined && opts.calicoVersion !== policies.calicoVersion) {
    throw new ModelOptionsError(
      `policies were compiled for Calico ${policies.calicoVersion} but evaluated as ${opts.calicoVersion}; pass the same calicoVersion to both`);
  }
}

/**
 * The cells of `evaluate`, in the same order, by source (a row at a time, none kept): for
 * matrices of millions, written out while they are computed.
 */
export function evaluateRows(inventory: Inventory, policies: PolicySet, opts?: ModelOptions): CellRows {
  checkVersion(policies, opts);
  const pods = cellRows(inventory, policies.compiled);
  const services = serviceRows(inventory, policies.compiled);
  if (services.count === 0) return pods;
  return {
    count: pods.count + services.count,
    visit: (row, visit) => (row < pods.count ? pods.visit(row, visit) : services.visit(row - pods.count, visit)),
  };
}

/** The pods of the inventory each policy applies to (by its selector). */
export function policySelections(policies: PolicySet, inventory: Inventory): SelectedPods[] {
  return selectedPods(policies.compiled, inventory);
}
