import { expect } from 'chai';
import { execBatch, ProbeExecError } from './exec-batch.ts';
import { agentAnswering, fakeExec, heldClock, type AgentScript } from './fake-exec.test-helper.ts';
import type { AgentBatch } from './agent-protocol.ts';

const pod = { namespace: 'x', name: 'a' };
const batch: AgentBatch = {
  timeoutMs: 1000,
  targets: [{ id: 'x/a -> y/a 80/TCP', host: '10.244.1.2', port: 80, protocol: 'TCP' }, { id: 'x/a -> y/a 53/UDP', host: '10.244.1.2', port: 53, protocol: 'UDP' }],
};
const [tcp, udp] = batch.targets.map((t) => t.id);

/** The error execBatch rejects with, checked to be a ProbeExecError. */
async function failure(run: Promise<unknown>): Promise<ProbeExecError> {
  const e: unknown = await run.then(() => undefined, (err: unknown) => err);
  expect(e).to.be.instanceOf(ProbeExecError);
  return e instanceof ProbeExecError ? e : new ProbeExecError('not one');
}

/** An agent that writes `stdout` (and `stderr`) and exits with `status`. */
const agentSaying = (stdout: string, status: 'Success' | 'Failure' = 'Success', stderr = '', message?: string): AgentScript => async (agent) => {
  await agent.stdout(stdout);
  if (stderr) await agent.stderr(stderr);
  agent.exit({ status, ...(message ? { message } : {}) });
};

describe('execBatch', () => {
  it('sends the whole batch as JSON on stdin to /agent probe in the probe container, without a tty', async () => {
    const exec = fakeExec(agentAnswering(() => ({ result: 'connected', latencyMs: 1 })));
    await execBatch({ exec }, pod, batch, { clock: heldClock() });
    expect(exec.calls).to.have.length(1);
    const call = exec.calls[0];
    expect(call).to.deep.include({ namespace: 'x', pod: 'a', container: 'probe', command: ['/agent', 'probe'], tty: false });
    expect(JSON.parse(call?.stdin ?? '')).to.deep.equal(batch);
  });

  it('returns the agent\'s results, and closes the socket', async () => {
    const exec = fakeExec(agentAnswering((id) => (id === tcp ? { result: 'connected', latencyMs: 0.4, detail: 'banner: b' } : { result: 'dropped', latencyMs: 1000 })));
    const answer = await execBatch({ exec }, pod, batch, { clock: heldClock() });
    expect(answer.results).to.deep.equal([
      { id: tcp, result: 'connected', latencyMs: 0.4, detail: 'banner: b' },
      { id: udp, result: 'dropped', latencyMs: 1000 },
    ]);
    expect(exec.sockets.map((s) => s.closed)).to.deep.equal([1]);
  });

  it('sentAt: the answer minus the slowest attempt, but never before the exec opened', async () => {
    for (const [slowest, sentAt] of [[300, 700], [950, 100]] as const) {
      const clock = heldClock();
      const agent = agentAnswering(() => ({ result: 'connected', latencyMs: slowest }));
      // The socket opens at 100; the agent answers at 1000.
      const exec = fakeExec(async (side) => { clock.set(1000); await agent(side); }, { onOpen: () => clock.set(100) });
      const answer = await execBatch({ exec }, pod, batch, { clock });
      expect(answer.sentAt, `slowest attempt ${slowest} ms`).to.equal(sentAt);
    }
  });

  it('a non-Success exit status is an error with the status message and the agent\'s stderr', async () => {
    const e = await failure(execBatch({ exec: fakeExec(agentSaying('', 'Failure', 'agent: bad batch\n', 'command terminated with non-zero exit code')) }, pod, batch, { clock: heldClock() }));
    expect(e.message).to.equal('exec x/a /agent probe: command terminated with non-zero exit code: agent: bad batch');
  });

  it('output that is not JSON, not the protocol, or leaves a target out is an error', async () => {
    const cases: [string, string][] = [
      ['OCI runtime exec failed', 'exec x/a /agent probe: the agent\'s output is not JSON: OCI runtime exec failed'],
      [JSON.stringify({ results: [{ id: tcp, result: 'maybe', latencyMs: 1 }] }), 'exec x/a /agent probe: unexpected agent output: '],
      [JSON.stringify({ results: [{ id: tcp, result: 'connected', latencyMs: 1 }] }), `exec x/a /agent probe: the agent left out 1 target(s), e.g. ${udp}`],
    ];
    for (const [stdout, message] of cases) {
      const exec = fakeExec(agentSaying(stdout));
      const e = await failure(execBatch({ exec }, pod, batch, { clock: heldClock() }));
      expect(e.message.startsWith(message), e.message).to.equal(true);
      expect(exec.sockets.map((s) => s.closed), 'the socket is closed').to.deep.equal([1]);
    }
  });

  it('an exec that cannot open is an error naming the websocket\'s message (an ErrorEvent, not an Error)', async () => {
    const exec = fakeExec(() => undefined, { refuse: { type: 'error', message: 'Unexpected server response: 404' } });
    const e = await failure(execBatch({ exec }, pod, batch, { clock: heldClock() }));
    expect(e.message).to.equal('exec x/a /agent probe: Unexpected server response: 404');
  });

  it('a socket that closes without a status, or fails, is an error', async () => {
    const closes = fakeExec(async (agent) => { await agent.stderr('container not found'); agent.socket.emit('close'); });
    expect((await failure(execBatch({ exec: closes }, pod, batch, { clock: heldClock() }))).message)
      .to.equal('exec x/a /agent probe: the connection closed without an exit status: container not found');
    const fails = fakeExec((agent) => { agent.socket.emit('error', new Error('read ECONNRESET')); });
    const e = await failure(execBatch({ exec: fails }, pod, batch, { clock: heldClock() }));
    expect(e.message).to.equal('exec x/a /agent probe: read ECONNRESET');
    expect(e.cause).to.be.instanceOf(Error);
  });

  it('gives up when the batch\'s worst case plus the margin passes without an answer', async () => {
    const clock = heldClock();
    const exec = fakeExec(() => undefined);
    const run = execBatch({ exec }, pod, { ...batch, targets: Array.from({ length: 300 }, (_, i) => ({ ...batch.targets[0], id: `t${i}`, host: '10.0.0.1', port: 80, protocol: 'TCP' as const })) }, { clock, marginMs: 500 });
    // 300 targets: two waves of 256 at most, 1000 ms each, plus the margin.
    expect(clock.sleeps.map((s) => s.ms)).to.deep.equal([2500]);
    clock.sleeps[0]?.fire();
    expect((await failure(run)).message).to.equal('exec x/a /agent probe: no answer in time');
  });

  it('the default margin is 10 s, and the run\'s signal stops the wait', async () => {
    const clock = heldClock();
    const stop = new AbortController();
    const run = execBatch({ exec: fakeExec(() => undefined) }, pod, batch, { clock, signal: stop.signal });
    expect(clock.sleeps.map((s) => s.ms)).to.deep.equal([11_000]);
    stop.abort(new Error('SIGINT'));
    expect((await failure(run)).message).to.equal('exec x/a /agent probe: stopped');
  });
});
