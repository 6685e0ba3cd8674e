// A step's flow evidence: once its probes covered a whole bucket after convergence, read
// Goldmane (one paged List per look) until every probed cell's records are there or the
// deadline passes. Cells that still lack a record are missing evidence.
import { cellEvidence, type CellEvidence, type EvidenceCell } from '../../flows/cell-evidence.ts';
import type { FlowResult } from '../../flows/flow-schema.ts';
import type { FlowQuery } from '../../flows/goldmane-client.ts';
import type { Clock } from '../../time/clock.ts';
import type { BucketGrid, EvidenceWindow } from './bucket-grid.ts';
import type { FlowSettings } from './flow-settings.ts';

export interface FlowLister { list(q: FlowQuery): Promise<FlowResult[]> }

export interface EvidenceOptions {
  lister: FlowLister;
  settings: FlowSettings;
  grid: BucketGrid;
  /** The scenario's namespaces: flows from sources elsewhere are not read. */
  namespaces: readonly string[];
  /** The step has staged policies: pending traces are read too. */
  staged: boolean;
  clock: Clock;
  wallNow: () => number;
  signal?: AbortSignal;
  /** Between two looks (default 1000 ms). */
  pollMs?: number;
  /** After each look: how many of the cells have complete evidence. */
  onLook?: (complete: number) => void;
  /** When the deadline moves on: how many cells were complete, and the new deadline (wall ms). */
  onExtend?: (complete: number, deadlineWallMs: number) => void;
  /** Slack after the last flush is due (default 2000 ms). */
  marginMs?: number;
  /**
   * 'flushed' (default): the first look when the covered bucket's last flush is due, so one List
   * usually suffices; 'arrival': look from the end of the covered bucket on, to time the arrival (bench).
   */
  firstLook?: 'flushed' | 'arrival';
  /**
   * How many times the deadline may move on by one flush and one bucket while cells still lack
   * records (default 3): the first time always (a node's flush can come late under load), later
   * only when records arrived since the last move.
   */
  maxExtensions?: number;
}

export interface StepEvidence {
  cells: Map<string, CellEvidence>;
  window: EvidenceWindow;
  /** List calls made (each paged List counts its pages). */
  lists: number;
  records: number;
  /** Wall ms when every cell had its records; undefined when the deadline passed first. */
  completeWallMs?: number;
  /** Wall ms of the last deadline: the first one, moved on by each extension. */
  deadlineWallMs: number;
  /** How many times the deadline moved on because cells were still missing records. */
  extensions: number;
}

/** The latest moment the first whole bucket after convergence can be complete in Goldmane. */
export function evidenceDeadline(w: EvidenceWindow, s: FlowSettings, marginMs: number): number {
  return w.flushedByWallMs + s.windowSeconds * 1000 + marginMs;
}

export async function gatherEvidence(cells: readonly EvidenceCell[], window: EvidenceWindow, o: EvidenceOptions): Promise<StepEvidence> {
  let deadlineWallMs = evidenceDeadline(window, o.settings, o.marginMs ?? 2000);
  const extendMs = (1.1 * o.settings.flushSeconds + o.settings.windowSeconds) * 1000;
  let extensions = 0;
  let completeAtLastMove = -1;
  const query: FlowQuery = { startTimeGte: window.fromSec, sourceNamespaces: [...o.namespaces] };
  const callsBefore = countCalls(o.lister);
  let evidence = new Map<string, CellEvidence>();
  let records = 0;
  const firstLook = o.firstLook === 'arrival' ? window.coverUntilWallMs : window.flushedByWallMs;
  const wait = Math.min(firstLook, deadlineWallMs) - o.wallNow();
  if (wait > 0) {
    try {
      await o.clock.sleep(wait, o.signal);
    } catch {
      return done(undefined);
    }
  }
  for (;;) {
    const flows = await o.lister.list(query);
    o.grid.learn(flows.map((f) => f.flow.start_time));
    evidence = cellEvidence(cells, flows, o.staged);
    records = [...evidence.values()].reduce((n, e) => n + e.records, 0);
    const completeCells = [...evidence.values()].filter((e) => e.missing === undefined).length;
    o.onLook?.(completeCells);
    const now = o.wallNow();
    const complete = completeCells === evidence.size;
    // Records come from both nodes' flushes: complete once none is missing, after the covered bucket ended.
    if (complete && now >= window.coverUntilWallMs) return done(now);
    if (o.signal?.aborted) return done(undefined);
    if (now >= deadlineWallMs) {
      const moving = extensions === 0 || completeCells > completeAtLastMove;
      if (extensions >= (o.maxExtensions ?? 3) || !moving) return done(undefined);
      extensions += 1;
      completeAtLastMove = completeCells;
      deadlineWallMs = now + extendMs;
      o.onExtend?.(completeCells, deadlineWallMs);
    }
    try {
      await o.clock.sleep(Math.min(o.pollMs ?? 1000, Math.max(0, deadlineWallMs - now)), o.signal);
    } catch {
      return done(undefined);
    }
  }
  function done(completeWallMs: number | undefined): StepEvidence {
    return { cells: evidence, window, lists: countCalls(o.lister) - callsBefore, records, deadlineWallMs, extensions, ...(completeWallMs === undefined ? {} : { completeWallMs }) };
  }
}

function countCalls(l: FlowLister): number {
  return 'calls' in l && typeof l.calls === 'number' ? l.calls : 0;
}
