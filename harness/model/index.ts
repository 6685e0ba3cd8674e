// The only import point of the policy model. Pure: no I/O.
export type {
  Protocol, Verdict, PortSpec, NamespaceSpec, PodSpec, ExternalSpec, Inventory, SourceRef,
  PolicyDocument, ModelProblem, ResourceId, DecidedBy, Cell, CalicoVersion, ModelOptions,
} from './types.ts';
import type { Cell, Inventory, ModelOptions, ModelProblem, PolicyDocument, ResourceId } from './types.ts';

/** Opaque compiled form of a set of policy documents. */
export interface PolicySet { readonly compiled: true }

export class ModelNotReadyError extends Error {
  override name = 'ModelNotReadyError';
}

/** Identity of a resource document (for `delete` and de-duplication); undefined when it has none. */
export function identify(doc: unknown): ResourceId | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const d = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof d.apiVersion !== 'string' || typeof d.kind !== 'string') return undefined;
  const name = d.metadata?.name;
  if (typeof name !== 'string') return undefined;
  const ns = d.metadata?.namespace;
  return typeof ns === 'string' ? { apiVersion: d.apiVersion, kind: d.kind, namespace: ns, name } : { apiVersion: d.apiVersion, kind: d.kind, name };
}

export function compilePolicies(_docs: PolicyDocument[], _opts?: ModelOptions): { policies: PolicySet; problems: ModelProblem[] } {
  throw new ModelNotReadyError('compilePolicies: not implemented yet');
}

export function evaluate(_inventory: Inventory, _policies: PolicySet, _opts?: ModelOptions): Cell[] {
  throw new ModelNotReadyError('evaluate: not implemented yet');
}
