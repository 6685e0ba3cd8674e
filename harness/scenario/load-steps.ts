// The steps of a scenario: their policy documents, deletes, alive sets and declared expectations.
import { z } from 'zod';
import { isNamespacedKind, type Inventory } from '../model/index.ts';
import { readApplyEntry, type PolicyReader } from './policy-files.ts';
import type { Report } from './report.ts';
import { checkRule } from './rule-coverage.ts';
import type { ScenarioFile, StepFile } from './schema.ts';
import { expandPromotion } from './promotion.ts';
import { describeResource, nextAlive, resolveDelete } from './steps.ts';
import { resolveTraffic } from './traffic-entries.ts';
import { initialLabels, inventoryAt, resolveRelabel } from './relabel.ts';
import { checkServicesAt } from './services.ts';
import type { LoadedDocument, Location, Relabel, ScenarioStep, StepPromotion } from './types.ts';
import { locate, type FieldPath } from './yaml-position.ts';

export async function resolveSteps(f: ScenarioFile, inventory: Inventory, reader: PolicyReader): Promise<ScenarioStep[]> {
  const { report } = reader;
  const steps: ScenarioStep[] = [];
  let alive: LoadedDocument[] = [];
  let labels = initialLabels(inventory);
  let relabelled = false;
  const names = new Set<string>();
  for (const [index, s] of f.steps.entries()) {
    const at: FieldPath = ['steps', index];
    if (names.has(s.name)) report([...at, 'name'], `duplicate step name "${s.name}"`);
    names.add(s.name);
    const { apply, deleted, promote } = s.promote === undefined
      ? await ordinaryChanges(s, alive, inventory, reader, at)
      : promotionChanges(s, s.promote, alive, reader, index);
    alive = nextAlive(alive, deleted, apply, (doc, first) => reader.problems.push({
      ...doc.location, message: `${describeResource(doc.id)} is applied twice in step "${s.name}" (first at ${first.location.file}:${first.location.line})`,
    }));
    let relabel: Relabel[] | undefined;
    if (s.relabel !== undefined) {
      if (s.promote !== undefined) report([...at, 'relabel'], 'a promote step does nothing else: give its relabel a step of its own', { key: true });
      const resolved = resolveRelabel(s.relabel, labels, [...at, 'relabel'], report, (path) => locationOf(reader, path));
      ({ relabel } = resolved);
      labels = resolved.after;
      relabelled = true;
      checkServicesAt(inventoryAt(inventory, labels), [...at, 'relabel'], report);
    }
    steps.push({
      index, name: s.name, location: locationOf(reader, at), apply, delete: deleted, alive,
      ...(relabel ? { relabel } : {}), ...(relabelled ? { labels } : {}),
      ...expectationsOf(s, inventory, at, report), ...(promote ? { promote } : {}),
      ...(s.traffic ? { traffic: resolveTraffic(s.traffic, inventory, [...at, 'traffic'], report, (path) => locationOf(reader, path)) } : {}),
    });
  }
  return steps;
}

interface StepChanges { apply: LoadedDocument[]; deleted: LoadedDocument[]; promote?: StepPromotion }

async function ordinaryChanges(s: StepFile, alive: readonly LoadedDocument[], inventory: Inventory, reader: PolicyReader, at: FieldPath): Promise<StepChanges> {
  const apply: LoadedDocument[] = [];
  for (const [i, entry] of (s.apply ?? []).entries()) apply.push(...await readApplyEntry(reader, entry, [...at, 'apply', i]));
  for (const doc of apply) { checkNamespace(reader, doc, inventory); checkBuiltInTier(reader, doc); }
  const deleted = (s.delete ?? []).flatMap((ref, i) => {
    const doc = resolveDelete(alive, ref, (path, message) => reader.report([...at, 'delete', i, ...path], message));
    return doc ? [doc] : [];
  });
  return { apply, deleted };
}

/** A promote step does nothing else; what it does is expanded here (promotion.ts). */
function promotionChanges(s: StepFile, promote: 'all' | string[], alive: readonly LoadedDocument[], reader: PolicyReader, index: number): StepChanges {
  const at: FieldPath = ['steps', index];
  for (const field of ['apply', 'delete'] as const) {
    if (s[field] !== undefined) reader.report([...at, field], `a promote step does nothing else: give its ${field} a step of its own`, { key: true });
  }
  const under: FieldPath = [...at, 'promote'];
  return expandPromotion(promote, {
    alive, stepName: s.name,
    report: (path, message, opts) => reader.report([...under, ...path], message, opts),
    locate: (path) => locationOf(reader, [...under, ...path]),
    sourceFor: (document, staged) => {
      const ref = { file: `${reader.scenarioFile}#steps[${index}].promote`, document };
      reader.sources.alias(ref, staged.source);
      return ref;
    },
  });
}

/**
 * A namespaced policy must name one of the scenario's namespaces: tierprobe writes only
 * inside the namespaces it creates, and one without a namespace would land wherever the
 * client defaults it (`default`), outside the run.
 */
export function checkNamespace(reader: PolicyReader, doc: LoadedDocument, inventory: Inventory): void {
  if (!isNamespacedKind(doc.id.apiVersion, doc.id.kind)) return;
  const declared = inventory.namespaces.map((n) => n.name);
  const written = namespaceOf(doc.doc);
  const where = (path: (string | number)[], message: string) =>
    reader.problems.push(reader.sources.locate({ source: doc.source, path, message, kind: 'invalid' }));
  if (written === undefined) {
    where(['metadata'], `${doc.id.kind} ${doc.id.name} names no namespace: set metadata.namespace to one of the scenario's namespaces (${declared.join(', ')})`);
  } else if (!declared.includes(written)) {
    where(['metadata', 'namespace'], `namespace "${written}" is not one of the scenario's namespaces (${declared.join(', ')}); tierprobe writes only inside the namespaces it creates`);
  }
}

/** Calico's own tiers, in every version the model knows: tierprobe never writes them. */
const builtInTiers = new Set(['default', 'adminnetworkpolicy', 'baselineadminnetworkpolicy', 'kube-admin', 'kube-baseline']);

export function checkBuiltInTier(reader: PolicyReader, doc: LoadedDocument): void {
  if (doc.id.apiVersion !== 'projectcalico.org/v3' || doc.id.kind !== 'Tier' || !builtInTiers.has(doc.id.name)) return;
  reader.problems.push(reader.sources.locate({ source: doc.source, path: ['metadata', 'name'], kind: 'invalid',
    message: `Tier ${doc.id.name} is one of Calico's built-in tiers: tierprobe never writes it (it is not the scenario's to change on a shared cluster)` }));
}

const namespaceField = z.object({ metadata: z.object({ namespace: z.string().optional() }) });

function namespaceOf(doc: unknown): string | undefined {
  const parsed = namespaceField.safeParse(doc);
  return parsed.success ? parsed.data.metadata.namespace : undefined;
}

const expectationFields = ['expect', 'expectStaged', 'expectPromoted'] as const;
type StepExpectations = Pick<ScenarioStep, (typeof expectationFields)[number]>;

function expectationsOf(s: StepFile, inventory: Inventory, at: FieldPath, report: Report): StepExpectations {
  const out: StepExpectations = {};
  for (const field of expectationFields) {
    const e = s[field];
    if (!e) continue;
    e.rules.forEach((rule, i) => checkRule(inventory, rule, [...at, field, 'rules', i], report));
    out[field] = { ...(e.default === undefined ? {} : { default: e.default }), rules: e.rules };
  }
  return out;
}

function locationOf(reader: PolicyReader, path: FieldPath): Location {
  const { line, column } = locate(reader.scenario.doc.node, reader.scenario.yaml.lineCounter, path);
  return { file: reader.scenarioFile, line, column };
}
