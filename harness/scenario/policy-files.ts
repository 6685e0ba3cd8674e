// Reads the policy documents a step applies: native multi-document YAML from a file
// (relative to the scenario) or written inline in the scenario.
import { dirname, join } from 'node:path';
import { isScalar, Scalar } from 'yaml';
import { yaml11Booleans, yaml11Message } from './yaml11-booleans.ts';
import { InputError, type Problem } from '../errors.ts';
import { identify, type SourceRef } from '../model/index.ts';
import { readTextFile } from './text-file.ts';
import { parseYaml, type YamlDocument, type YamlFile } from './yaml-file.ts';
import { PolicySources, shiftLocation, shiftProblem, type Shift } from './policy-sources.ts';
import type { FieldPath } from './yaml-position.ts';
import type { Report } from './report.ts';
import type { LoadedDocument } from './types.ts';

export interface PolicyReader {
  scenarioFile: string;
  /** The scenario's own YAML, to place inline documents. */
  scenario: { yaml: YamlFile; doc: YamlDocument };
  sources: PolicySources;
  problems: Problem[];
  report: Report;
  /** Parsed files by path, so a file applied by several steps is read once. */
  cache: Map<string, YamlFile | undefined>;
}

export async function readApplyEntry(reader: PolicyReader, entry: { file?: string | undefined; inline?: string | undefined }, at: FieldPath): Promise<LoadedDocument[]> {
  if (entry.file !== undefined) {
    const file = join(dirname(reader.scenarioFile), entry.file);
    const yaml = await readPolicyFile(reader, file, [...at, 'file']);
    return yaml ? documentsOf(reader, yaml, file, undefined, [...at, 'file']) : [];
  }
  const ref = `${reader.scenarioFile}#${at.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').slice(1)}`;
  const shift = inlineShift(reader, [...at, 'inline']);
  const yaml = parseYaml(reader.scenarioFile, entry.inline ?? '');
  reader.problems.push(...yaml.problems.map((p) => shiftProblem(p, shift)));
  return documentsOf(reader, yaml, ref, shift, [...at, 'inline']);
}

async function readPolicyFile(reader: PolicyReader, file: string, at: FieldPath): Promise<YamlFile | undefined> {
  if (reader.cache.has(file)) return reader.cache.get(file);
  let yaml: YamlFile | undefined;
  try {
    yaml = parseYaml(file, await readTextFile(file));
    reader.problems.push(...yaml.problems);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A file that cannot be read is a fault of the scenario line naming it; binary content has its own place.
    for (const p of e.problems) {
      if (p.line !== undefined) reader.problems.push(p);
      else reader.report(at, `${file}: ${p.message}`);
    }
  }
  reader.cache.set(file, yaml);
  return yaml;
}

export function documentsOf(reader: PolicyReader, yaml: YamlFile, refFile: string, shift: Shift | undefined, at: FieldPath): LoadedDocument[] {
  if (yaml.problems.length > 0) return [];
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (docs.length === 0) reader.report(at, `${refFile === yaml.file ? yaml.file : 'inline'} holds no YAML document`);
  const loaded: LoadedDocument[] = [];
  for (const doc of docs) {
    const source: SourceRef = { file: refFile, document: doc.index };
    reader.sources.add(source, yaml, doc, shift);
    const id = identify(doc.value);
    const start = yaml.lineCounter.linePos(doc.node.contents?.range[0] ?? doc.node.range[0]);
    const location = shiftLocation({ file: yaml.file, line: start.line, column: start.col }, shift);
    if (!id) {
      const problem = typeof doc.value === 'object' && !Array.isArray(doc.value)
        ? 'a policy document needs apiVersion, kind and metadata.name'
        : 'a policy document must be a mapping (apiVersion, kind, metadata, spec)';
      reader.problems.push({ ...location, message: problem });
      continue;
    }
    const range = doc.node.contents?.range;
    const text = range ? yaml.text.slice(range[0], range[2]) : '';
    // Calico's documents go to calicoctl as written (YAML 1.1); tierprobe sends the others as JSON.
    for (const at of id.apiVersion.startsWith('projectcalico.org/') ? yaml11Booleans(doc) : []) {
      const { line, col } = yaml.lineCounter.linePos(at.offset);
      reader.problems.push({ ...shiftLocation({ file: yaml.file, line, column: col }, shift), message: yaml11Message(at.text) });
    }
    loaded.push({ source, doc: doc.value, id, text, location });
  }
  return loaded;
}

/** Where the text of an inline block scalar starts in the scenario file. */
function inlineShift(reader: PolicyReader, at: FieldPath): Shift {
  const { yaml, doc } = reader.scenario;
  const node = doc.node.getIn(at, true);
  const file = reader.scenarioFile;
  if (!isScalar(node) || !node.range) return { file, lines: 0, columns: 0 };
  const start = yaml.lineCounter.linePos(node.range[0]);
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  if (!block) return { file, lines: start.line - 1, columns: start.col - 1 };
  // Content begins on the line after the | or > indicator, indented by the first content line's indent.
  const firstLine = yaml.text.slice(yaml.text.indexOf('\n', node.range[0]) + 1).split('\n').find((l) => l.trim() !== '') ?? '';
  return { file, lines: start.line, columns: firstLine.length - firstLine.trimStart().length };
}
