// Remembers where each policy document came from, so the model's problems (document + path)
// can be shown as file:line:column, also for documents written inline in the scenario.
import type { Problem } from '../errors.ts';
import type { ModelProblem, SourceRef } from '../model/index.ts';
import type { Location } from './types.ts';
import { problemAt, type YamlDocument, type YamlFile } from './yaml-file.ts';

/** How far the YAML text is from the start of the file it sits in (inline documents). */
export interface Shift { file: string; lines: number; columns: number }

interface Entry { yaml: YamlFile; doc: YamlDocument; shift: Shift | undefined }

export class PolicySources {
  readonly #entries = new Map<string, Entry>();

  add(ref: SourceRef, yaml: YamlFile, doc: YamlDocument, shift?: Shift): void {
    this.#entries.set(key(ref), { yaml, doc, shift });
  }

  /** Problems in `ref` are shown where those of `like` are (a promoted copy of a staged document). */
  alias(ref: SourceRef, like: SourceRef): void {
    const entry = this.#entries.get(key(like));
    if (entry) this.#entries.set(key(ref), entry);
  }

  /** The model's problem as a located Problem. */
  locate(problem: ModelProblem): Problem {
    const label = problem.kind === 'unsupported' ? 'unsupported: ' : '';
    const entry = this.#entries.get(key(problem.source));
    if (!entry) return { file: problem.source.file, message: `document ${problem.source.document}: ${label}${problem.message}` };
    return shiftProblem(problemAt(entry.yaml, entry.doc, problem.path, label + problem.message), entry.shift);
  }
}

export function shiftProblem(p: Problem, shift: Shift | undefined): Problem {
  if (!shift || p.line === undefined) return shift ? { ...p, file: shift.file } : p;
  return { ...p, ...shiftLocation({ file: p.file, line: p.line, column: p.column ?? 1 }, shift) };
}

export function shiftLocation(l: Location, shift: Shift | undefined): Location {
  return shift ? { file: shift.file, line: l.line + shift.lines, column: l.column + shift.columns } : l;
}

function key(ref: SourceRef): string {
  return `${ref.document}\u0000${ref.file}`;
}
