// How a live run behaves: the session it runs in, its clock and logger, its deadlines and
// budgets, and the fault-injection hooks the e2e tests use.
import type { ClusterSession } from '../cluster/session.ts';
import type { CompileOptions } from '../scenario/index.ts';
import type { Clock } from '../time/clock.ts';
import type { Logger } from './logger.ts';

export interface LiveOptions {
  session: ClusterSession;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  compile?: CompileOptions;
  /** Deadline for the dataplane to match the model after each step (default 30 s). */
  convergeTimeoutMs?: number;
  readyTimeoutMs?: number;
  /** Keep what the run created (namespaces, pods, policies, externals) for a look by hand. */
  keep?: boolean;
  /** provider existing: run even where a cluster-wide policy would select pods outside the run. */
  allowForeignSelection?: boolean;
  /** Full rounds after convergence, to catch flaky cells (default 1). */
  confirmRounds?: number;
  /** Least time between the starts of two rounds (default 100 ms). */
  minRoundGapMs?: number;
  /** Execs in flight at once in a round (default: one per source pod, within maxProbes). */
  maxExecs?: number;
  /** Probes in flight at once in a round (default 1500). */
  maxProbes?: number;
  runId?: string;
  /** --no-flows: run without reading flow logs (the report says the flow-log leg was not checked). */
  noFlows?: boolean;
  /** --allow-missing-flows: a probed cell without flow evidence is told, not a mismatch. */
  allowMissingFlows?: boolean;
  /** When a step first reads Goldmane: 'flushed' (default) or 'arrival' (bench: time the arrival). */
  flowsFirstLook?: 'flushed' | 'arrival';
  /** Wall clock, ms since the epoch (default Date.now): flow logs are stamped in it. */
  wallNow?: () => number;
  /**
   * Fault injection, for the e2e tests that make each mismatch class happen for real:
   * `unserved` deploys agents without some declared listeners (`ns/pod` -> `N/PROTO`s);
   * `onConverged` runs when a step's matrix matched, before the confirmation rounds.
   */
  faults?: { unserved?: ReadonlyMap<string, ReadonlySet<string>>; onConverged?: (step: number) => Promise<void> };
}
