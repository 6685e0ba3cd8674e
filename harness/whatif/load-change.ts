// Reads the CHANGE files of `tierprobe whatif` and resolves them against a step, as the scenario
// loader resolves a step (load-steps.ts): deletes against what is alive, then applies, a resource
// applied again replacing it. Each file is policy documents, or one Change document whose apply
// entries (file, relative to the change file, or inline) and delete entries are a step's. Every
// problem is located (file:line:column) and reported together; model problems are located later,
// when the policies compile, through the scenario's PolicySources, which learn the change's documents.
import { InputError, type Problem } from '../errors.ts';
import { checkBuiltInTier, checkNamespace } from '../scenario/load-steps.ts';
import { documentsOf, readApplyEntry, type PolicyReader } from '../scenario/policy-files.ts';
import { reporter, type Report } from '../scenario/report.ts';
import { schemaProblems } from '../scenario/schema-problems.ts';
import { describeResource, nextAlive, resolveDelete, sameResource } from '../scenario/steps.ts';
import { readTextFile } from '../scenario/text-file.ts';
import type { DeleteRef, LoadedDocument, Location, Scenario, ScenarioStep } from '../scenario/types.ts';
import { parseYaml, type YamlFile } from '../scenario/yaml-file.ts';
import { locate } from '../scenario/yaml-position.ts';
import { changeSchema, isTierprobeDocument } from './change-schema.ts';
import type { Change } from './types.ts';

interface PendingDelete { ref: DeleteRef; report: Report; location: Location }
interface FileChange { apply: LoadedDocument[]; deletes: PendingDelete[] }

/** The change, resolved against `step` of `scenario`. Throws InputError listing every problem. */
export async function loadChange(files: readonly string[], scenario: Scenario, step: ScenarioStep): Promise<Change> {
  const problems: Problem[] = [];
  const cache: PolicyReader['cache'] = new Map();
  const apply: LoadedDocument[] = [];
  const deletes: PendingDelete[] = [];
  for (const file of files) {
    const read = await readChangeFile(file, scenario, problems, cache);
    apply.push(...read.apply);
    deletes.push(...read.deletes);
  }
  const deleted = deletes.flatMap((d) => {
    const document = resolveDelete(step.alive, d.ref, d.report);
    return document ? [{ document, location: d.location }] : [];
  });
  const alive = nextAlive(step.alive, deleted.map((d) => d.document), apply, (doc, first) => problems.push({
    ...doc.location, message: `${describeResource(doc.id)} is applied twice in the change (first at ${first.location.file}:${first.location.line})`,
  }));
  if (problems.length > 0) throw new InputError(sorted(problems));
  const gone = new Set(deleted.map((d) => d.document));
  const replaced = step.alive.filter((d) => !gone.has(d) && apply.some((a) => sameResource(a.id, d.id)));
  return { files: [...files], apply, delete: deleted, alive, replaced };
}

async function readChangeFile(file: string, scenario: Scenario, problems: Problem[], cache: PolicyReader['cache']): Promise<FileChange> {
  const none: FileChange = { apply: [], deletes: [] };
  let yaml: YamlFile;
  try {
    yaml = parseYaml(file, await readTextFile(file));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return none;
  }
  if (yaml.problems.length > 0) {
    problems.push(...yaml.problems);
    return none;
  }
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  const change = docs.find((d) => isTierprobeDocument(d.value));
  const first = change ?? docs[0];
  if (!first) {
    problems.push({ file, line: 1, column: 1, message: 'holds no YAML document: a change file holds policy documents, or one tierprobe/v1alpha1 Change' });
    return none;
  }
  const reader: PolicyReader = { scenarioFile: file, scenario: { yaml, doc: first }, sources: scenario.sources, problems, report: reporter(yaml, first, problems), cache };
  const where = (path: readonly (string | number)[]): Location => ({ file, ...locate(first.node, yaml.lineCounter, path) });
  let read: FileChange;
  if (!change) {
    read = { apply: documentsOf(reader, yaml, file, undefined, []), deletes: [] };
  } else {
    const other = docs.find((d) => d !== change);
    if (other) {
      const { line, col } = yaml.lineCounter.linePos(other.node.range[0]);
      problems.push({ file, line, column: col, message: 'a change file holds one Change document or policy documents, not both: list the policies under the Change\'s apply (inline or file)' });
      return none;
    }
    const parsed = changeSchema.safeParse(change.value, { reportInput: true });
    if (!parsed.success) {
      problems.push(...schemaProblems(yaml, change, parsed.error.issues));
      return none;
    }
    const apply: LoadedDocument[] = [];
    for (const [i, entry] of parsed.data.apply.entries()) apply.push(...await readApplyEntry(reader, entry, ['apply', i]));
    const deletes = parsed.data.delete.map((ref, i): PendingDelete => ({
      ref, report: (path, message, opts) => reader.report(['delete', i, ...path], message, opts), location: where(['delete', i]),
    }));
    read = { apply, deletes };
  }
  // The scenario's own rules for what it applies: a namespace it has, never a built-in tier.
  for (const doc of read.apply) {
    checkNamespace(reader, doc, scenario.inventory);
    checkBuiltInTier(reader, doc);
  }
  return read;
}

/** By file, then position, so messages read top to bottom (as the scenario loader sorts them). */
function sorted(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
