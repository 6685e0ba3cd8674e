// A stand-in for a streaming pod exec (`agent load`), for traffic tests. Unlike the probe's
// fake (probe/fake-exec.test-helper.ts), which reads the whole stdin before the agent runs,
// this one hands the agent each stdin line as it arrives and says when stdin ends; and a
// virtual clock whose sleeps fire when the test says, moving time to their due.
import type { Readable, Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import type { Clock } from '../../time/clock.ts';
import type { PodExec } from '../probe/exec-batch.ts';
import { FakeSocket } from '../probe/fake-exec.test-helper.ts';
import type { LoadConfig } from './load-exec.ts';

export interface StreamCall {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  /** Every stdin line so far (without its newline). */
  lines: string[];
  /** Whether stdin has ended. */
  ended: boolean;
  socket: FakeSocket;
}

/** What the script can do as the agent. */
export interface StreamAgentSide {
  call: StreamCall;
  /** The next stdin line, waiting for it; undefined once stdin ended. */
  nextLine(): Promise<string | undefined>;
  stdout(text: string): Promise<void>;
  stderr(text: string): Promise<void>;
  exit(status: V1Status): void;
  socket: FakeSocket;
}

export type StreamScript = (agent: StreamAgentSide) => void | Promise<void>;

export function streamingExec(script: StreamScript, o: { refuse?: unknown } = {}): PodExec & { calls: StreamCall[] } {
  const calls: StreamCall[] = [];
  const write = (to: Writable) => (text: string) => new Promise<void>((done) => { to.write(Buffer.from(text), () => done()); });
  return {
    calls,
    async exec(namespace: string, pod: string, container: string, command: string[], stdout: Writable, stderr: Writable, stdin: Readable, tty: boolean, onStatus: (s: V1Status) => void) {
      if (o.refuse !== undefined) throw o.refuse;
      const socket = new FakeSocket();
      const call: StreamCall = { namespace, pod, container, command, tty, lines: [], ended: false, socket };
      calls.push(call);
      const queue: (string | undefined)[] = [];
      const waiting: ((line: string | undefined) => void)[] = [];
      const give = (line: string | undefined) => {
        const w = waiting.shift();
        if (w) w(line);
        else queue.push(line);
      };
      let rest = '';
      // As client-node does: stdin's data events go to the socket as they come.
      stdin.on('data', (chunk: Buffer | string) => {
        const parts = (rest + String(chunk)).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) { call.lines.push(line); give(line); }
      });
      stdin.on('end', () => {
        if (rest !== '') { call.lines.push(rest); give(rest); rest = ''; }
        call.ended = true;
        give(undefined);
      });
      const nextLine = () => {
        if (queue.length > 0) return Promise.resolve(queue.shift());
        if (call.ended) return Promise.resolve(undefined);
        return new Promise<string | undefined>((resolve) => waiting.push(resolve));
      };
      // The agent runs once the caller has the socket, as with a real exec.
      setImmediate(() => void script({ call, nextLine, stdout: write(stdout), stderr: write(stderr), exit: onStatus, socket }));
      return socket;
    },
  };
}

export type LoadVerdict = 'connected' | 'refused' | 'dropped' | 'rejected' | 'error';

export interface LoadAgentOptions {
  /** The source pod's wall clock (ms). */
  now: () => number;
  /** The `t` of the started line (ms on the pod's clock); default now(). The pairs are scheduled from it. */
  startedAt?: () => number;
  /** Runs as the agent starts, before its started line (e.g. moves the harness's clock on: the exec's latency). */
  beforeStarted?: () => void;
  /** Resolves when the agent may say started; default at once. A promise that never resolves: the agent never starts. */
  startWhen?: Promise<void>;
  /** The verdict of a request of the pair started at `atMs` on the pod's clock; default connected. */
  verdict?: (pair: LoadConfig['pairs'][number], atMs: number) => LoadVerdict;
  /** Every stop line as it arrives, with the pod's name. */
  onStop?: (pod: string, pairId: string) => void;
}

const us = (ms: number) => Math.round(ms * 1000);

/**
 * An `agent load` as probes/README.md tells it: reads its config, says started, and for each
 * pair, once told to stop (a stop line, or stdin's EOF), its requests at the pair's rate from
 * its scheduled start to the stop, then its pair-done; after every pair, done and exit 0.
 */
export function agentLoading(o: LoadAgentOptions): StreamScript {
  return async (agent) => {
    const first = await agent.nextLine();
    const config = JSON.parse(first ?? '') as LoadConfig;
    if (o.startWhen) await o.startWhen;
    o.beforeStarted?.();
    const startedMs = (o.startedAt ?? o.now)();
    await agent.stdout(`${JSON.stringify({ type: 'started', t: us(startedMs) })}\n`);
    const running = new Map(config.pairs.map((p) => [p.id, p]));
    const stopPair = async (id: string) => {
      const p = running.get(id);
      if (!p) return;
      running.delete(id);
      const begin = startedMs + p.delayMs;
      const end = Math.max(begin, o.now());
      const lines: string[] = [];
      let n = 0;
      for (let at = begin; at < end; at = begin + (++n * 1000) / p.rate) {
        lines.push(JSON.stringify({ type: 'req', p: id, t: us(at), v: o.verdict?.(p, at) ?? 'connected', ms: 0.3 }));
      }
      lines.push(JSON.stringify({ type: 'pair-done', p: id, started: us(begin), stopped: us(end), requests: n, dropped: 0 }));
      await agent.stdout(`${lines.join('\n')}\n`);
    };
    for (let line = await agent.nextLine(); line !== undefined; line = await agent.nextLine()) {
      const { stop } = JSON.parse(line) as { stop: string };
      o.onStop?.(agent.call.pod, stop);
      await stopPair(stop);
    }
    for (const id of [...running.keys()]) await stopPair(id);
    await agent.stdout(`${JSON.stringify({ type: 'done', t: us(o.now()) })}\n`);
    agent.exit({ status: 'Success' });
  };
}

export interface VirtualClock extends Clock {
  /** Sleeps not yet fired nor aborted, in the order asked. */
  readonly pending: readonly { ms: number; due: number }[];
  set(now: number): void;
  /** Fires the earliest pending sleep, moving the time to its due; false if none is pending. */
  fireNext(): boolean;
}

export function virtualClock(start = 0): VirtualClock {
  let t = start;
  const pending: { ms: number; due: number; resolve: () => void }[] = [];
  return {
    pending,
    now: () => t,
    set: (now) => { t = now; },
    sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const entry = { ms, due: t + ms, resolve };
      pending.push(entry);
      signal?.addEventListener('abort', () => {
        const i = pending.indexOf(entry);
        if (i >= 0) pending.splice(i, 1);
        reject(signal.reason);
      }, { once: true });
    }),
    fireNext: () => {
      let next = 0;
      for (let i = 1; i < pending.length; i++) if ((pending[i]?.due ?? 0) < (pending[next]?.due ?? 0)) next = i;
      const [entry] = pending.splice(next, 1);
      if (!entry) return false;
      t = Math.max(t, entry.due);
      entry.resolve();
      return true;
    },
  };
}

/** Lets every callback queued so far (and those they queue, a few levels deep) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Whether the promise has settled, after letting pending work run. */
export async function isSettled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  await settle();
  return done;
}

/** Runs the clock, one sleep at a time, until the promise settles; its result. */
export async function runUntil<T>(p: Promise<T>, clock: VirtualClock, maxFires = 1000): Promise<T> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  for (let i = 0; i < maxFires; i++) {
    await settle();
    if (done) return p;
    if (!clock.fireNext()) throw new Error('stuck: the promise waits on something other than the clock');
  }
  throw new Error(`still not settled after ${maxFires} sleeps`);
}
