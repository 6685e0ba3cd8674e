// One exec into one source pod running `/agent load`: the config in on stdin, stop lines
// while it runs, its per-request lines streamed back (probes/README.md "agent load").
import { PassThrough, Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import { LoadOutputReader } from '../../traffic/load-output.ts';
import type { PairLoad } from '../../traffic/types.ts';
import { probeContainer } from '../deploy/manifests.ts';
import type { PodExec } from '../probe/exec-batch.ts';
import { messageOf, stderrOf } from '../probe/exec-messages.ts';

/** What `agent load` reads first (probes/README.md). */
export interface LoadConfig {
  timeoutMs: number;
  maxDurationMs: number;
  holdIntervalMs: number;
  pairs: { id: string; host: string; port: number; protocol: 'TCP' | 'UDP'; rate: number; delayMs: number; hold: boolean }[];
}

export interface LoadRun {
  /** Resolves when the agent said it started: its clock (µs) and the harness's wall time (ms) around it. */
  readonly started: Promise<{ agentUs: number; sentWallMs: number; seenWallMs: number }>;
  stop(pairId: string): void;
  /** Stops every pair still running (stdin closes). */
  end(): void;
  /** Every pair's load, once the agent exited. */
  readonly finished: Promise<Map<string, PairLoad>>;
  /** Ends the exec without waiting (a failed or interrupted step). */
  abort(): void;
}

export function startLoad(clients: { exec: PodExec }, pod: { namespace: string; name: string }, config: LoadConfig, wallNow: () => number): LoadRun {
  const where = `exec ${pod.namespace}/${pod.name} /agent load`;
  const reader = new LoadOutputReader(config.pairs.map((p) => p.id));
  const stdin = new PassThrough();
  stdin.write(`${JSON.stringify(config)}\n`);
  const err: Buffer[] = [];
  let ended = false;
  let saidStarted = false;
  let socket: { close(): void } | undefined;
  let resolveStarted!: (v: { agentUs: number; sentWallMs: number; seenWallMs: number }) => void;
  let rejectStarted!: (e: Error) => void;
  const started = new Promise<{ agentUs: number; sentWallMs: number; seenWallMs: number }>((res, rej) => { resolveStarted = res; rejectStarted = rej; });
  started.catch(() => undefined);
  const sentWallMs = wallNow();
  const stdout = new Writable({
    write(chunk: Buffer, _enc, done) {
      reader.push(chunk.toString());
      if (!saidStarted && reader.startedUs !== undefined) {
        saidStarted = true;
        resolveStarted({ agentUs: reader.startedUs, sentWallMs, seenWallMs: wallNow() });
      }
      done();
    },
  });
  const stderr = new Writable({ write(chunk: Buffer, _enc, done) { err.push(chunk); done(); } });
  const finished = new Promise<Map<string, PairLoad>>((resolve, reject) => {
    const fail = (message: string, cause?: unknown) => {
      const e = new EnvironmentError(`${where}: ${message}${stderrOf(err)}`, {
        hint: 'the probe image must be this version of tierprobe\'s (npx tierprobe cluster up builds it); see the agent\'s stderr above',
      }, cause === undefined ? undefined : { cause });
      rejectStarted(e);
      reject(e);
    };
    clients.exec.exec(pod.namespace, pod.name, probeContainer, ['/agent', 'load'], stdout, stderr, stdin, false, (status: V1Status) => {
      if (status.status !== 'Success') return fail(status.message ?? status.reason ?? 'failed');
      const loads = reader.end();
      if (reader.problems.length > 0) return fail(`the agent's output: ${reader.problems.slice(0, 3).join('; ')}`);
      resolve(loads);
    }).then((ws) => {
      socket = ws;
      ws.on('error', (cause: Error) => fail(cause.message, cause));
      ws.on('close', () => setTimeout(() => fail('the connection closed without an exit status'), 1000).unref());
    }, (cause: unknown) => fail(messageOf(cause), cause));
  });
  finished.catch(() => undefined);
  return {
    started,
    finished,
    stop(pairId) { if (!ended) stdin.write(`${JSON.stringify({ stop: pairId })}\n`); },
    end() { if (!ended) { ended = true; stdin.end(); } },
    abort() { ended = true; stdin.end(); socket?.close(); },
  };
}
