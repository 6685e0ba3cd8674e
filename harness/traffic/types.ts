// Traffic under change (issue 9): what a step's `traffic:` asks for, and what came back per pair.
// Shared by the scenario loader (entries), the live runner (plans, requests) and the diff (figures).
import type { Protocol } from '../model/index.ts';
import type { Location } from '../scenario/types.ts';

/** How a pair's load runs, and what is declared of it: the same in an entry and in its pairs. */
export interface TrafficLoadSettings {
  /** The entry's place in the scenario. */
  location: Location;
  /** New connections per second, per pair. */
  rate: number;
  /** How long the load runs before the step's changes are applied, and after (ms). */
  beforeMs: number;
  afterMs: number;
  /** Declared fate of the pair's one long-lived connection across the change; absent: reported, not judged. */
  established?: 'cut' | 'kept';
  /** Thresholds: above them the pair fails (class time-to-enforce). */
  maxTimeToEnforceMs?: number;
  maxTimeToOpenMs?: number;
}

/** One `traffic:` entry of a step, as loaded (README "Traffic under change"). */
export interface TrafficEntry extends TrafficLoadSettings {
  /** Address patterns, as in expect rules: `ns/pod` with `*` wildcards, `external:NAME`. */
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

/** One pair the load runs: an entry expanded against the step's cells; from/to are the cell's own. */
export type TrafficPair = TrafficEntry;

/** What the expected matrix (expect where declared, else the model) says the step does to a pair. */
export type PairChange = 'denies' | 'allows' | 'stays-allowed' | 'stays-denied';

/** One request of the load, as the agent reports it (probes/agent `load`). */
export interface LoadRequest {
  /** Start, Unix epoch microseconds, on the source pod's clock. */
  startUs: number;
  /** 'connected' succeeded; the rest failed (same words as a probe). */
  verdict: 'connected' | 'refused' | 'dropped' | 'rejected' | 'error';
}

/** One ping on the pair's long-lived connection. */
export interface HeldPing {
  startUs: number;
  ok: boolean;
}

/** Everything the load said about one pair in one step. */
export interface PairLoad {
  requests: LoadRequest[];
  /** Requests the agent could not start because too many were in flight (k6's dropped_iterations). */
  droppedIterations: number;
  /** When the pair's load started and stopped, Unix epoch µs on the source pod's clock. */
  startedUs: number;
  stoppedUs: number;
  /** The long-lived connection: undefined when it never connected; pings until the first failure. */
  held?: { openedUs: number; pings: HeldPing[]; cutUs?: number; cutDetail?: string };
  heldOpenError?: string;
}

/** The figures of one pair in one step (results.json cells[].traffic; README "Traffic under change"). */
export interface PairTraffic {
  change: PairChange;
  /** Asked and reached, requests per second (reached: requests started over the time the load ran). */
  ratePerSecond: number;
  reachedPerSecond: number;
  requests: number;
  succeeded: number;
  /** Requests dropped, rejected or refused. */
  failed: number;
  /** Requests the agent itself failed to make (counted as neither). */
  errors: number;
  droppedIterations: number;
  /** Every time figure is resolved to the request interval. */
  resolutionMs: number;
  /** Covered before and after the origin (the API accepting the step's changes). */
  beforeMs: number;
  afterMs: number;
  /** change denies: origin to the start of the first request after which none succeeded; null: one still succeeded at the end. */
  timeToEnforceMs?: number | null;
  /** change allows: origin to the start of the first request after which all succeeded; null: the last one failed. */
  timeToOpenMs?: number | null;
  /** change stays-allowed: failed requests and the longest time between two successful requests' starts. */
  disruption?: { failed: number; longestGapMs: number };
  /** The long-lived connection opened before the change. */
  established: { result: 'kept' | 'cut' | 'not-opened'; cutAtMs?: number; pings: number; detail?: string; declared?: 'cut' | 'kept' };
  maxTimeToEnforceMs?: number;
  maxTimeToOpenMs?: number;
  /** Which clock the times were measured on, and how it relates to the origin's. */
  clock: string;
  warnings: string[];
}
