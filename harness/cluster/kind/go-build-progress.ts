// A Go build runs for minutes with nothing to say (Kubernetes: about 6 minutes cold here). While
// one runs, every 30 s this says it is alive and how far it got: the packages compiled so far,
// which `go build -v` (go-build.sh) writes to the build's log, one per line. It follows the
// "go build NAME (N binaries; log PATH)" and "built NAME in Ns" lines prepare.sh prints.
// With a task starter (a terminal), each build is a counting bar updated every 2 s instead.
import { readFile } from 'node:fs/promises';
import type { ProgressTask, TaskStarter } from '../../progress/progress.ts';

const started = /go build (\S+) \(\d+ binar(?:y|ies); log (\S+)\)/;
const finished = /built (\S+) in \d+s/;

export interface GoBuildProgress {
  /** Give it every progress line; returns nothing, prints through `say`. */
  line(text: string): void;
  /** The builds being watched now. */
  running(): string[];
  stop(): void;
}

export function goBuildProgress(say: (line: string) => void, o: { everyMs?: number; now?: () => number; tasks?: TaskStarter } = {}): GoBuildProgress {
  const now = o.now ?? Date.now;
  const builds = new Map<string, { timer: NodeJS.Timeout; since: number; task?: ProgressTask; packages: number }>();
  const end = (name: string) => {
    const b = builds.get(name);
    if (b) clearInterval(b.timer);
    // The bar goes; prepare.sh's own "built NAME" line says the rest.
    b?.task?.end(`             go build ${name}: ${b.packages} package(s) compiled in ${Math.round((now() - b.since) / 1000)} s`);
    builds.delete(name);
  };
  return {
    line(text) {
      const s = started.exec(text);
      if (s?.[1] && s[2]) {
        const [name, log] = [s[1], s[2]];
        end(name);
        const since = now();
        const task = o.tasks?.(`go build ${name}`, undefined, (t) => say(t.replace(/\n$/, '')));
        const timer = setInterval(() => {
          void readFile(log, 'utf8').then((t) => {
            const b = builds.get(name);
            if (!b) return;
            b.packages = t.split('\n').filter((l) => /^[\w.-]+(\/[\w.~-]+)*$/.test(l.trim())).length;
            if (task) task.update(b.packages, `package(s) compiled, ${Math.round((now() - since) / 1000)} s`);
            else say(`             go build ${name}: still compiling, ${b.packages} package(s) compiled, ${Math.round((now() - since) / 1000)} s`);
          }, () => undefined);
        }, o.everyMs ?? (task ? 2_000 : 30_000));
        timer.unref();
        builds.set(name, { timer, since, packages: 0, ...(task ? { task } : {}) });
        return;
      }
      const f = finished.exec(text);
      if (f?.[1]) end(f[1]);
    },
    running() {
      return [...builds.keys()];
    },
    stop() {
      for (const name of [...builds.keys()]) end(name);
    },
  };
}
