// Which tierprobe resources a cleanup takes: one run's, or those of every run that is not alive.
import { ownedLabels, ownerLabel, ownerValue, runLabel } from '../labels.ts';

export interface OwnedFilter {
  /** Labels that must all match. */
  labels: Record<string, string>;
  /** Runs whose resources stay (they are alive). */
  exceptRuns: ReadonlySet<string>;
}

export function runFilter(runId: string): OwnedFilter {
  return { labels: ownedLabels(runId), exceptRuns: new Set() };
}

/** Everything any tierprobe run left, but for the runs still alive. Resources without a run label are not a run's: they stay. */
export function leftoverFilter(liveRuns: Iterable<string>): OwnedFilter {
  return { labels: { [ownerLabel]: ownerValue }, exceptRuns: new Set(liveRuns) };
}

/** The same filter as a Kubernetes label selector. */
export function labelSelector(f: OwnedFilter): string {
  const parts = Object.entries(f.labels).map(([k, v]) => `${k}=${v}`);
  if (!(runLabel in f.labels)) parts.push(runLabel);
  if (f.exceptRuns.size > 0) parts.push(`${runLabel} notin (${[...f.exceptRuns].join(',')})`);
  return parts.join(',');
}

export function matches(f: OwnedFilter, labels: Record<string, string> | undefined): boolean {
  if (!labels || !Object.entries(f.labels).every(([k, v]) => labels[k] === v)) return false;
  const run = labels[runLabel];
  return run !== undefined && !f.exceptRuns.has(run);
}
