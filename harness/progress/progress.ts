// Long work (image builds, deploy, convergence rounds, the wait for flow evidence) as tasks that
// move: a bar in a terminal, plain lines elsewhere. A task's last line goes to the same sink as
// every other progress line (and so into run.log); bars only ever reach the terminal.

/** One piece of long work in progress. */
export interface ProgressTask {
  /** How far it got: `done` of the task's total (or a count, when it has none); `detail` says more. */
  update(done: number, detail?: string): void;
  /** Ends it with one line (no newline) that stays: in the terminal, the log and run.log. */
  end(line: string): void;
}

/**
 * Starts a task named `name` with `total` steps (undefined: a count with no end known), whose
 * lines are written to `write`.
 */
export type TaskStarter = (name: string, total: number | undefined, write: (text: string) => void) => ProgressTask;
