// The labels tierprobe puts on everything it creates: cleanup finds and deletes only these.
import { randomBytes } from 'node:crypto';

export const ownerLabel = 'tierprobe.dev/owned-by';
export const ownerValue = 'tierprobe';
export const runLabel = 'tierprobe.dev/run';

/** Matches everything any tierprobe run created. */
export const ownedSelector = `${ownerLabel}=${ownerValue}`;

/** The labels of one run's resources. */
export function ownedLabels(runId: string): Record<string, string> {
  return { [ownerLabel]: ownerValue, [runLabel]: runId };
}

/** A run id: sortable by start time, unique enough to tell concurrent runs apart, a valid label value. */
export function newRunId(nowMs: number = Date.now()): string {
  return `${nowMs.toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function isOwned(labels: Record<string, string> | undefined): boolean {
  return labels?.[ownerLabel] === ownerValue;
}
