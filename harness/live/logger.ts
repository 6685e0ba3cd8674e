// Progress messages from the live runner; the CLI decides where they go.
import { lineTasks } from '../progress/line-tasks.ts';
import type { ProgressTask, TaskStarter } from '../progress/progress.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Long work that moves (a bar in a terminal, lines elsewhere); absent: see startTask. */
  task?(name: string, total?: number): ProgressTask;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };

/** A logger writing one line per message to a text sink (the CLI's stderr); tasks through `tasks` (default: plain lines). */
export function lineLogger(write: (text: string) => void, tasks: TaskStarter = lineTasks()): Logger {
  return {
    info: (m) => write(`${m}\n`),
    warn: (m) => write(`warning: ${m}\n`),
    task: (name, total) => tasks(name, total, write),
  };
}

/** A task on any logger: its own when it has them, else only its end, as an info line. */
export function startTask(logger: Logger, name: string, total?: number): ProgressTask {
  return logger.task?.(name, total) ?? { update: () => undefined, end: (line) => logger.info(line) };
}
