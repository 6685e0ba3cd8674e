// A `promote` step, expanded when the scenario loads into the deletes and applies it stands
// for, so the model and the live runner see an ordinary step. Per staged policy:
//   Set (the default): create or replace the enforced policy of the same name, then delete the staged one;
//   Delete: delete the enforced policy of the same name (which must be alive), then the staged one;
//   Learn, Ignore: refused (Calico Enterprise's policy-recommendation states; nothing promotes them).
// Pure: documents in, documents out; problems go to `report`.
import { z } from 'zod';
import { tieredName, type ResourceId, type SourceRef } from '../model/index.ts';
import { allStaged, namedStaged } from './promote-targets.ts';
import { enforcedKinds, promotedDocument } from './promoted-document.ts';
import type { Report } from './report.ts';
import { describeResource, sameResource } from './steps.ts';
import type { LoadedDocument, Location, StepPromotion } from './types.ts';
import type { FieldPath } from './yaml-position.ts';

export interface PromotionContext {
  /** What is alive before the step. */
  alive: readonly LoadedDocument[];
  stepName: string;
  /** Reports a problem at a path under the step's `promote` field. */
  report: Report;
  /** Where a path under `promote` sits in the scenario file. */
  locate: (path: FieldPath) => Location;
  /** The source of the k-th document the step applies; its problems are shown at the staged document's fields. */
  sourceFor: (k: number, staged: LoadedDocument) => SourceRef;
}

export interface ExpandedPromotion { apply: LoadedDocument[]; deleted: LoadedDocument[]; promote: StepPromotion }

export function expandPromotion(promote: 'all' | readonly string[], ctx: PromotionContext): ExpandedPromotion {
  const targets = promote === 'all' ? allStaged(ctx.alive, ctx.report) : namedStaged(ctx.alive, promote, ctx.report);
  const apply: LoadedDocument[] = [];
  const deleted: LoadedDocument[] = [];
  const byTarget = new Map<string, LoadedDocument>();
  for (const { staged, at } of targets) {
    const fail = (message: string) => ctx.report(at, message);
    const action = stagedActionOf(staged);
    const target = enforcedId(staged.id);
    if (action === 'Learn' || action === 'Ignore') {
      fail(`${describeResource(staged.id)} has stagedAction ${action}, a Calico Enterprise policy-recommendation state that is never promoted; ` +
        'set stagedAction Set (or Delete) in an earlier step to promote it');
      continue;
    }
    const key = targetKey(target);
    const other = byTarget.get(key);
    if (other) {
      fail(`${describeResource(staged.id)} and ${describeResource(other.id)} would both promote to ${describeResource(target)}`);
      continue;
    }
    byTarget.set(key, staged);
    const current = ctx.alive.find((d) => targetKey(d.id) === key);
    if (action === 'Delete') {
      if (current) deleted.push(current);
      else fail(`${describeResource(staged.id)} has stagedAction Delete, but the ${describeResource(target)} (${target.apiVersion}) it would delete is not alive at this step: no earlier step applied it`);
    } else {
      const doc = promotedDocument(staged, { source: ctx.sourceFor(apply.length, staged), location: ctx.locate(at), stepName: ctx.stepName });
      // The same policy under its other spelling (`p` and `default.p` in the default tier) is replaced too.
      if (current && !sameResource(current.id, doc.id)) deleted.push(current);
      apply.push(doc);
    }
    deleted.push(staged);
  }
  return { apply, deleted, promote: { all: promote === 'all', policies: targets.map((t) => t.staged.id) } };
}

const stagedActionField = z.object({ spec: z.object({ stagedAction: z.string().optional() }).optional() });

/** Set when absent, as Calico defaults it. */
function stagedActionOf(doc: LoadedDocument): string {
  const parsed = stagedActionField.safeParse(doc.doc);
  return (parsed.success ? parsed.data.spec?.stagedAction : undefined) ?? 'Set';
}

/** The enforced policy a staged one promotes to: same namespace and name. */
function enforcedId(staged: ResourceId): ResourceId {
  const kind = enforcedKinds.get(staged.kind);
  if (!kind) throw new Error(`${staged.kind} is not a staged policy kind`);
  return { ...kind, name: staged.name, ...(staged.namespace === undefined ? {} : { namespace: staged.namespace }) };
}

/** Calico names a default-tier policy `p` or `default.p` alike (the model's identity does the same). */
function targetKey(id: ResourceId): string {
  const calico = id.apiVersion.startsWith('projectcalico.org/');
  return `${id.apiVersion}/${id.kind}/${id.namespace ?? ''}/${calico ? tieredName(id.name) : id.name}`;
}
