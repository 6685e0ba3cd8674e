// A stand-in for the pod exec and the clock, for probe tests: the exec records what it was
// sent and plays the agent as a script says; the clock's sleeps wait until the test fires them.
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { z } from 'zod';
import type { Clock } from '../../time/clock.ts';
import type { PodExec } from './exec-batch.ts';

export interface ExecCall { namespace: string; pod: string; container: string; command: string[]; tty: boolean; stdin: string }

export class FakeSocket extends EventEmitter {
  closed = 0;
  close(): void { this.closed++; }
}

/** What the script can do as the agent: write, exit with a status, or make the socket fail. */
export interface AgentSide {
  call: ExecCall;
  stdout(text: string): Promise<void>;
  stderr(text: string): Promise<void>;
  exit(status: V1Status): void;
  socket: FakeSocket;
}

export type AgentScript = (agent: AgentSide) => void | Promise<void>;

export interface FakeExecOptions {
  /** exec rejects with this instead of opening (as the websocket library does). */
  refuse?: unknown;
  /** Called as the socket opens (before the caller gets it). */
  onOpen?: () => void;
}

export function fakeExec(script: AgentScript, o: FakeExecOptions = {}): PodExec & { calls: ExecCall[]; sockets: FakeSocket[] } {
  const calls: ExecCall[] = [];
  const sockets: FakeSocket[] = [];
  const write = (to: Writable) => (text: string) => new Promise<void>((done) => { to.write(Buffer.from(text), () => done()); });
  return {
    calls, sockets,
    async exec(namespace: string, pod: string, container: string, command: string[], stdout: Writable, stderr: Writable, stdin: Readable, tty: boolean, onStatus: (s: V1Status) => void) {
      let input = '';
      for await (const chunk of stdin) input += String(chunk);
      const call = { namespace, pod, container, command, tty, stdin: input };
      calls.push(call);
      if (o.refuse !== undefined) throw o.refuse;
      o.onOpen?.();
      const socket = new FakeSocket();
      sockets.push(socket);
      // The agent runs once the caller has the socket, as with a real exec.
      setImmediate(() => void script({ call, stdout: write(stdout), stderr: write(stderr), exit: onStatus, socket }));
      return socket;
    },
  };
}

const batchIds = z.object({ targets: z.array(z.object({ id: z.string() })) });

/** The agent of probes/README.md: answers every target of the batch as `answer` says. */
export function agentAnswering(answer: (id: string) => { result: string; latencyMs: number; detail?: string }): AgentScript {
  return async (agent) => {
    const ids = batchIds.parse(JSON.parse(agent.call.stdin)).targets.map((t) => t.id);
    await agent.stdout(JSON.stringify({ results: ids.map((id) => ({ id, ...answer(id) })) }));
    agent.exit({ status: 'Success' });
  };
}

export interface HeldClock extends Clock {
  /** Sleeps asked for, in order; fire() ends one. */
  sleeps: { ms: number; fire(): void }[];
  set(now: number): void;
}

export function heldClock(): HeldClock {
  let t = 0;
  const sleeps: HeldClock['sleeps'] = [];
  return {
    sleeps,
    now: () => t,
    set: (now) => { t = now; },
    sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      sleeps.push({ ms, fire: resolve });
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    }),
  };
}
