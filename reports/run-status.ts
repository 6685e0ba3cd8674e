// How a run ended, for every report: a run that failed or stopped early says so first, and
// only a complete run may call its results "all as expected".

export type RunState = 'complete' | 'failed' | 'interrupted' | 'incomplete';

export interface RunStatus {
  state: RunState;
  /** Steps observed to their end (a step the run stopped in is in the diff but not counted). */
  observedSteps: number;
  /** Steps the scenario has. */
  totalSteps: number;
  /** What stopped the run: the failure's message (an interrupted run's too, where it has one). */
  message?: string;
  /** Steps the run never reached (not in the diff), in scenario order. */
  notReached: string[];
}

/** An offline diff (explain) or a live run that went to the end: every step is in the diff. */
export function completeStatus(steps: number): RunStatus {
  return { state: 'complete', observedSteps: steps, totalSteps: steps, notReached: [] };
}

/** `FAILED (1 of 3 steps observed): message`; undefined for a complete run. */
export function statusHeadline(s: RunStatus): string | undefined {
  if (s.state === 'complete') return undefined;
  const progress = `${s.observedSteps} of ${s.totalSteps} step${s.totalSteps === 1 ? '' : 's'} observed`;
  // One line: a failure's message may carry a pod's events on lines of their own.
  const message = s.message === undefined ? '' : `: ${s.message.replace(/\s+/g, ' ').trim()}`;
  return `${s.state.toUpperCase()} (${progress})${message}`;
}
