// What is alive at each step: apply adds or replaces by identity, delete removes.
import type { ResourceId } from '../model/index.ts';
import type { Report } from './report.ts';
import type { DeleteRef, LoadedDocument } from './types.ts';

/** Same resource: API group (not version), kind, namespace and name. */
export function sameResource(a: ResourceId, b: ResourceId): boolean {
  return group(a.apiVersion) === group(b.apiVersion) && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}

export function describeResource(id: { kind: string; name: string; namespace?: string | undefined }): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** The documents a delete entry names among those alive; reports none and ambiguous matches. */
export function resolveDelete(alive: readonly LoadedDocument[], ref: DeleteRef, report: Report): LoadedDocument | undefined {
  const found = alive.filter((d) => d.id.kind === ref.kind && d.id.name === ref.name && d.id.namespace === ref.namespace &&
    (ref.apiVersion === undefined || group(ref.apiVersion) === group(d.id.apiVersion)));
  if (found.length === 0) {
    report([], `cannot delete ${describeResource(ref)}: no earlier step applied it${ref.namespace ? '' : ' (give namespace for a namespaced resource)'}`);
    return undefined;
  }
  if (found.length > 1) {
    report([], `${describeResource(ref)} is ambiguous: ${found.map((d) => d.id.apiVersion).join(' and ')} both have it; give apiVersion`);
    return undefined;
  }
  return found[0];
}

/** alive after a step: deletes first (they name what earlier steps applied), then applies. */
export function nextAlive(before: readonly LoadedDocument[], deleted: readonly LoadedDocument[], applied: readonly LoadedDocument[], reportTwice: (doc: LoadedDocument, first: LoadedDocument) => void): LoadedDocument[] {
  const alive = before.filter((d) => !deleted.includes(d));
  const appliedHere: LoadedDocument[] = [];
  for (const doc of applied) {
    const twice = appliedHere.find((d) => sameResource(d.id, doc.id));
    if (twice) reportTwice(doc, twice);
    appliedHere.push(doc);
    const i = alive.findIndex((d) => sameResource(d.id, doc.id));
    if (i >= 0) alive[i] = doc;
    else alive.push(doc);
  }
  return alive;
}

function group(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
