// Pieces every policy kind shares: types defaulting, staged actions.
import type { Direction, StagedAction } from './compiled.ts';
import type { ProblemSink } from './problems.ts';

const STAGED_ACTIONS: readonly string[] = ['Set', 'Delete', 'Learn', 'Ignore'];

function isStagedAction(a: string): a is StagedAction {
  return STAGED_ACTIONS.includes(a);
}

/**
 * Calico's defaultPolicyTypesField (CALICO-SEMANTICS.md §2): without types, no egress rules
 * gives [Ingress], only egress rules gives [Egress], both give both.
 */
export function defaultCalicoTypes(
  types: ('Ingress' | 'Egress')[] | undefined, ingress: unknown[] | undefined, egress: unknown[] | undefined, sink: ProblemSink,
): Record<Direction, boolean> {
  if (types === undefined || types.length === 0) {
    if ((egress?.length ?? 0) === 0) return { ingress: true, egress: false };
    if ((ingress?.length ?? 0) === 0) return { ingress: false, egress: true };
    return { ingress: true, egress: true };
  }
  const seen = new Set<string>();
  for (const t of types) {
    if (seen.has(t)) sink.field(['spec', 'types'], 'NetworkPolicySpec.Types', types, `'${t}' type specified more than once`);
    seen.add(t);
  }
  return { ingress: seen.has('Ingress'), egress: seen.has('Egress') };
}

/** stagedAction defaults to Set; a Delete must carry no policy content. */
export function checkStagedAction<S extends { stagedAction?: string | undefined }>(
  spec: S, sink: ProblemSink, isEmptyForDelete: (spec: S) => boolean, deleteReason = 'Spec fields, except Tier, should all be zero-value if stagedAction is Delete',
): StagedAction {
  const action = spec.stagedAction ?? 'Set';
  if (!isStagedAction(action)) {
    sink.field(['spec', 'stagedAction'], 'StagedAction', action, 'failed to validate Field: StagedAction because of Tag: stagedAction');
    return 'Set';
  }
  if (action === 'Delete' && !isEmptyForDelete(spec)) sink.field(['spec'], 'Spec', 'Delete', deleteReason);
  return action;
}
