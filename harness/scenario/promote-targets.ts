// Which staged policies a `promote` step names: `all`, or `Kind/namespace/name` (`Kind/name`
// for the global kind), each a staged policy alive before the step.
import type { Report } from './report.ts';
import { describeResource } from './steps.ts';
import type { LoadedDocument } from './types.ts';
import type { FieldPath } from './yaml-position.ts';

/** A staged policy to promote, and where under `promote` it was named ([] for all). */
export interface PromoteTarget { staged: LoadedDocument; at: FieldPath }

/** The staged kinds, all projectcalico.org/v3; true where the kind is namespaced. */
export const stagedKinds: ReadonlyMap<string, boolean> = new Map([
  ['StagedNetworkPolicy', true],
  ['StagedGlobalNetworkPolicy', false],
  ['StagedKubernetesNetworkPolicy', true],
]);

export function isStagedPolicy(doc: LoadedDocument): boolean {
  return doc.id.apiVersion === 'projectcalico.org/v3' && stagedKinds.has(doc.id.kind);
}

/** `promote: all`: every staged policy alive, in the order they were applied. */
export function allStaged(alive: readonly LoadedDocument[], report: Report): PromoteTarget[] {
  const staged = alive.filter(isStagedPolicy);
  if (staged.length === 0) report([], 'promote: all, but no staged policy is alive at this step (apply one in an earlier step)');
  return staged.map((doc) => ({ staged: doc, at: [] }));
}

/** The staged policies an explicit list names; each problem is reported at its entry. */
export function namedStaged(alive: readonly LoadedDocument[], entries: readonly string[], report: Report): PromoteTarget[] {
  const out: PromoteTarget[] = [];
  for (const [i, entry] of entries.entries()) {
    const doc = resolveEntry(alive, entry, (message) => report([i], message));
    if (!doc) continue;
    if (out.some((t) => t.staged === doc)) report([i], `${describeResource(doc.id)} is named twice`);
    else out.push({ staged: doc, at: [i] });
  }
  return out;
}

function resolveEntry(alive: readonly LoadedDocument[], entry: string, fail: (message: string) => void): LoadedDocument | undefined {
  const parts = entry.split('/');
  const [kind = '', ...rest] = parts;
  const namespaced = stagedKinds.get(kind);
  if (namespaced === undefined) {
    fail(`"${entry}": ${kind} is not a staged policy kind; promote names ${[...stagedKinds.keys()].join(', ')}`);
    return undefined;
  }
  const want = namespaced ? 2 : 1;
  if (rest.length !== want || rest.some((p) => p === '')) {
    fail(`"${entry}": write ${namespaced ? `${kind}/<namespace>/<name> (${kind} is namespaced)` : `${kind}/<name> (${kind} is cluster-wide)`}`);
    return undefined;
  }
  const [namespace, name] = namespaced ? [rest[0], rest[1]] : [undefined, rest[0]];
  const doc = alive.find((d) => isStagedPolicy(d) && d.id.kind === kind && d.id.name === name && d.id.namespace === namespace);
  if (!doc) fail(`${describeResource({ kind, name: name ?? '', ...(namespace === undefined ? {} : { namespace }) })} is not alive at this step: no earlier step applied it, or one deleted it`);
  return doc;
}
