// Progress as bars in a terminal, drawn by cli-progress (loaded only when a first bar starts, so
// start-up stays fast). Text written while bars are up goes above them (`writeAbove`), not
// through them.
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { ProgressTask, TaskStarter } from './progress.ts';

export interface BarTerminal {
  starter: TaskStarter;
  /** Writes text to the terminal above any bars (as is, when none is up). */
  writeAbove: (text: string) => void;
}

export function barTasks(stream: NodeJS.WriteStream): BarTerminal {
  let bars: CliProgress.MultiBar | undefined;
  let up = 0;
  const multibar = (): CliProgress.MultiBar => {
    if (bars) return bars;
    const lib = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
    bars = new lib.MultiBar({
      stream, hideCursor: true, clearOnComplete: true, stopOnComplete: false, autopadding: true, fps: 5,
      format: (options, params, payload: { name?: string; detail?: string; counting?: boolean }) => {
        const detail = payload.detail ? `  ${payload.detail}` : '';
        if (payload.counting) return `${payload.name ?? ''}  ${params.value}${detail}`;
        const width = options.barsize ?? 30;
        const filled = params.total > 0 ? Math.round((params.value / params.total) * width) : 0;
        const bar = `${'█'.repeat(filled)}${'░'.repeat(Math.max(0, width - filled))}`;
        return `${payload.name ?? ''}  ${bar}  ${params.value}/${params.total}${detail}`;
      },
    }, lib.Presets.shades_classic);
    return bars;
  };
  const starter: TaskStarter = (name, total, write): ProgressTask => {
    const m = multibar();
    const bar = m.create(total ?? 0, 0, { name, detail: '', counting: total === undefined });
    up += 1;
    let ended = false;
    return {
      update(done, detail) {
        if (!ended) bar.update(done, { detail: detail ?? '' });
      },
      end(line) {
        if (ended) return;
        ended = true;
        m.remove(bar);
        up -= 1;
        if (up === 0) { m.stop(); bars = undefined; }
        write(`${line}\n`);
      },
    };
  };
  return {
    starter,
    writeAbove: (text) => {
      if (bars && up > 0) bars.log(text.endsWith('\n') ? text : `${text}\n`);
      else stream.write(text);
    },
  };
}
