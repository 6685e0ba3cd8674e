// What compiling one document needs to know about the rest of the set.
import type { CalicoVersion } from '../types.ts';
import type { ProblemSink } from './problems.ts';

export interface CompileContext {
  version: CalicoVersion;
  /** Names of every tier that exists (built-in and applied). */
  tiers: ReadonlySet<string>;
  sink: ProblemSink;
}
