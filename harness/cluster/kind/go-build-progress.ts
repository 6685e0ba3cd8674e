// A Go build runs for minutes with nothing to say (Kubernetes: about 6 minutes cold here). While
// one runs, every 30 s this says it is alive and how far it got: the packages compiled so far,
// which `go build -v` (go-build.sh) writes to the build's log, one per line. It follows the
// "go build NAME (N binaries; log PATH)" and "built NAME in Ns" lines prepare.sh prints.
import { readFile } from 'node:fs/promises';

const started = /go build (\S+) \(\d+ binar(?:y|ies); log (\S+)\)/;
const finished = /built (\S+) in \d+s/;

export interface GoBuildProgress {
  /** Give it every progress line; returns nothing, prints through `say`. */
  line(text: string): void;
  /** The builds being watched now. */
  running(): string[];
  stop(): void;
}

export function goBuildProgress(say: (line: string) => void, o: { everyMs?: number; now?: () => number } = {}): GoBuildProgress {
  const now = o.now ?? Date.now;
  const builds = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  const end = (name: string) => {
    const b = builds.get(name);
    if (b) clearInterval(b.timer);
    builds.delete(name);
  };
  return {
    line(text) {
      const s = started.exec(text);
      if (s?.[1] && s[2]) {
        const [name, log] = [s[1], s[2]];
        end(name);
        const since = now();
        const timer = setInterval(() => {
          void readFile(log, 'utf8').then((t) => {
            if (!builds.has(name)) return;
            const packages = t.split('\n').filter((l) => /^[\w.-]+(\/[\w.~-]+)*$/.test(l.trim())).length;
            say(`             go build ${name}: still compiling, ${packages} package(s) compiled, ${Math.round((now() - since) / 1000)} s`);
          }, () => undefined);
        }, o.everyMs ?? 30_000);
        timer.unref();
        builds.set(name, { timer, since });
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
