// Collects ModelProblems for one document.
import type { ModelProblem, SourceRef } from '../types.ts';

export type Path = (string | number)[];

export class ProblemSink {
  readonly source: SourceRef;
  readonly problems: ModelProblem[];

  constructor(source: SourceRef, problems: ModelProblem[]) {
    this.source = source;
    this.problems = problems;
  }

  invalid(path: Path, message: string): void {
    this.problems.push({ source: this.source, path, message, kind: 'invalid' });
  }

  unsupported(path: Path, message: string): void {
    this.problems.push({ source: this.source, path, message, kind: 'unsupported' });
  }

  /** Calico runs this against the spec; the model follows Calico. Never an error. */
  deviation(path: Path, message: string): void {
    this.problems.push({ source: this.source, path, message, kind: 'deviation' });
  }

  /** Calico's validator wording: error with field X = 'value' (reason). */
  field(path: Path, field: string, value: unknown, reason: string): void {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    this.invalid(path, `error with field ${field} = '${shown}' (${reason})`);
  }

  /** True when this document has an invalid problem: the API server would reject it. */
  hasInvalid(): boolean {
    return this.problems.some((p) => p.source === this.source && p.kind === 'invalid');
  }
}
