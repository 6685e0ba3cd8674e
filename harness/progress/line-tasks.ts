// Progress as plain lines, for a pipe, a file or CI: the start, then at most one line per
// `everyMs` while it moves, then its end. Nothing but text and newlines.
import type { ProgressTask, TaskStarter } from './progress.ts';

export interface LineTaskOptions { everyMs?: number; now?: () => number }

export function lineTasks(o: LineTaskOptions = {}): TaskStarter {
  const now = o.now ?? Date.now;
  const every = o.everyMs ?? 10_000;
  return (name, total, write): ProgressTask => {
    const started = now();
    let last = started;
    let shown = '';
    write(`${name}: started${total === undefined ? '' : ` (0/${total})`}\n`);
    return {
      update(done, detail) {
        const line = `${name}: ${total === undefined ? done : `${done}/${total}`}${detail ? `, ${detail}` : ''}`;
        if (line === shown || now() - last < every) return;
        last = now();
        shown = line;
        write(`${line} (${Math.round((last - started) / 1000)} s)\n`);
      },
      end(line) {
        write(`${line}\n`);
      },
    };
  };
}
