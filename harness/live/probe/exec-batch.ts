// One exec into one source pod: the whole batch in on stdin, every result back as JSON.
import { Readable, Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import type { Clock } from '../../time/clock.ts';
import { probeContainer } from '../deploy/manifests.ts';
import { agentOutput, batchWorstCaseMs, type AgentBatch, type AgentResult } from './agent-protocol.ts';
import { messageOf, stderrOf } from './exec-messages.ts';

/** The exec failed or the agent answered something unusable: every cell of the batch is an `error`. */
export class ProbeExecError extends Error {
  override name = 'ProbeExecError';
}

/** What execBatch uses of client-node's Exec (KubeClients.exec is one): the call, and the socket it opens. */
export interface PodExec {
  exec(namespace: string, podName: string, containerName: string, command: string[], stdout: Writable, stderr: Writable, stdin: Readable,
    tty: boolean, statusCallback: (status: V1Status) => void): Promise<ExecSocket>;
}
export interface ExecSocket {
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (cause: Error) => void): unknown;
  close(): void;
}

export interface ExecBatchOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Time allowed beyond the batch's own worst case (exec setup, process start). */
  marginMs?: number;
}

export interface BatchAnswer {
  results: AgentResult[];
  /**
   * When the attempts left, as near as can be told: the agent starts them all at once once
   * its process runs, which is some time after the exec stream opens (the runtime starts it)
   * and at most its slowest attempt before the answer came back. The later of the two.
   */
  sentAt: number;
}

export async function execBatch(clients: { exec: PodExec }, pod: { namespace: string; name: string }, batch: AgentBatch, o: ExecBatchOptions): Promise<BatchAnswer> {
  const where = `exec ${pod.namespace}/${pod.name} /agent probe`;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const collect = (into: Buffer[]) => new Writable({ write(chunk: Buffer, _enc, done) { into.push(chunk); done(); } });
  const deadline = new AbortController();
  const stopDeadline = () => deadline.abort();
  o.signal?.addEventListener('abort', stopDeadline, { once: true });
  let socket: { close(): void } | undefined;
  let openedAt = o.clock.now();
  try {
    const status = await new Promise<V1Status>((resolve, reject) => {
      o.clock.sleep(batchWorstCaseMs(batch) + (o.marginMs ?? 10_000), deadline.signal)
        .then(() => reject(new ProbeExecError(`${where}: no answer in time`)), () => reject(new ProbeExecError(`${where}: stopped`)));
      clients.exec.exec(pod.namespace, pod.name, probeContainer, ['/agent', 'probe'], collect(out), collect(err),
        Readable.from([JSON.stringify(batch)]), false, resolve)
        .then((ws) => {
          openedAt = o.clock.now();
          socket = ws;
          ws.on('close', () => reject(new ProbeExecError(`${where}: the connection closed without an exit status${stderrOf(err)}`)));
          ws.on('error', (cause: Error) => reject(new ProbeExecError(`${where}: ${cause.message}`, { cause })));
        }, (cause: unknown) => reject(new ProbeExecError(`${where}: ${messageOf(cause)}`, { cause })));
    });
    if (status.status !== 'Success') throw new ProbeExecError(`${where}: ${status.message ?? status.reason ?? 'failed'}${stderrOf(err)}`);
    const results = parseOutput(Buffer.concat(out).toString(), batch, where);
    const answeredAt = o.clock.now();
    return { results, sentAt: Math.max(openedAt, answeredAt - Math.max(0, ...results.map((r) => r.latencyMs))) };
  } finally {
    deadline.abort();
    o.signal?.removeEventListener('abort', stopDeadline);
    socket?.close();
  }
}

function parseOutput(text: string, batch: AgentBatch, where: string): AgentResult[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ProbeExecError(`${where}: the agent's output is not JSON: ${text.slice(0, 200)}`, { cause });
  }
  const parsed = agentOutput.safeParse(json);
  if (!parsed.success) throw new ProbeExecError(`${where}: unexpected agent output: ${parsed.error.message.slice(0, 300)}`);
  const ids = new Set(parsed.data.results.map((r) => r.id));
  const missing = batch.targets.filter((t) => !ids.has(t.id));
  if (missing.length > 0) throw new ProbeExecError(`${where}: the agent left out ${missing.length} target(s), e.g. ${missing[0]?.id ?? ''}`);
  return parsed.data.results;
}
