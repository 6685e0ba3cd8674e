import { expect } from 'chai';
import { EnvironmentError } from '../../errors.ts';
import { startLoad, type LoadConfig } from './load-exec.ts';
import { isSettled, settle, streamingExec, type StreamAgentSide, type StreamScript } from './streaming-exec.test-helper.ts';

const pod = { namespace: 'x', name: 'a' };
const config: LoadConfig = {
  timeoutMs: 500, maxDurationMs: 120_000, holdIntervalMs: 100,
  pairs: [
    { id: 'p0', host: '10.244.1.5', port: 80, protocol: 'TCP', rate: 200, delayMs: 0, hold: true },
    { id: 'p1', host: '10.244.1.6', port: 53, protocol: 'UDP', rate: 10, delayMs: 250, hold: true },
  ],
};

/** A well-formed whole output for the config's two pairs (probes/README.md "agent load"). */
const whole = [
  '{"type":"started","t":1000000}',
  '{"type":"held-open","p":"p0","t":1000100,"ok":true}',
  '{"type":"req","p":"p0","t":1000200,"v":"connected","ms":0.41}',
  '{"type":"req","p":"p0","t":1005200,"v":"dropped","ms":500}',
  '{"type":"req","p":"p1","t":1250000,"v":"refused","ms":0.2}',
  '{"type":"pair-done","p":"p0","started":1000000,"stopped":1300000,"requests":2,"dropped":0}',
  '{"type":"pair-done","p":"p1","started":1250000,"stopped":1300000,"requests":1,"dropped":0}',
  '{"type":"done","t":1300500}',
].map((l) => `${l}\n`).join('');

/** The agent side of the one exec, once it runs. */
function agentHandle(): { script: StreamScript; agent: Promise<StreamAgentSide> } {
  let give!: (a: StreamAgentSide) => void;
  const agent = new Promise<StreamAgentSide>((resolve) => { give = resolve; });
  return { script: (a) => give(a), agent };
}

/** The error the promise rejects with, checked to be an EnvironmentError of exit 3 that names the pod and says what to run. */
async function environmentFailure(p: Promise<unknown>): Promise<EnvironmentError> {
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  expect(e).to.be.instanceOf(EnvironmentError);
  if (!(e instanceof EnvironmentError)) throw new Error('not an EnvironmentError');
  expect(e.message).to.contain('exec x/a /agent load');
  expect(e.hint).to.contain('npx tierprobe cluster up');
  return e;
}

describe('startLoad', () => {
  it('runs /agent load in the probe container without a tty; the config is the first stdin line, as JSON', async () => {
    const { script, agent } = agentHandle();
    const exec = streamingExec(script);
    startLoad({ exec }, pod, config, () => 0);
    const a = await agent;
    expect(a.call).to.deep.include({ namespace: 'x', pod: 'a', container: 'probe', command: ['/agent', 'load'], tty: false });
    const first = await a.nextLine();
    expect(JSON.parse(first ?? '')).to.deep.equal(config);
    expect(a.call.lines).to.have.length(1);
    expect(a.call.ended).to.equal(false);
  });

  it('stop(id) writes a {"stop":id} line; end() ends stdin; a stop after the end writes nothing', async () => {
    const { script, agent } = agentHandle();
    const run = startLoad({ exec: streamingExec(script) }, pod, config, () => 0);
    const a = await agent;
    run.stop('p1');
    run.stop('p0');
    run.end();
    run.stop('p0');
    run.end();
    const lines: string[] = [];
    for (let l = await a.nextLine(); l !== undefined; l = await a.nextLine()) lines.push(l);
    expect(lines.slice(1).map((l) => JSON.parse(l) as unknown)).to.deep.equal([{ stop: 'p1' }, { stop: 'p0' }]);
    expect(a.call.ended).to.equal(true);
    expect(a.socket.closed, 'end() closes stdin, not the exec').to.equal(0);
  });

  it('started: the agent\'s t from its started line (even split across chunks), with the wall times of the exec call and of its arrival', async () => {
    let wall = 100;
    const exec = streamingExec(async (a) => {
      wall = 130;
      await a.stdout('{"type":"sta');
      wall = 140;
      await a.stdout('rted","t":1700000000123456}\n{"type":"req","p":"p0"');
      wall = 500;
      await a.stdout(',"t":1700000000200000,"v":"connected","ms":0.4}\n');
    });
    const run = startLoad({ exec }, pod, config, () => wall);
    expect(await run.started).to.deep.equal({ agentUs: 1700000000123456, sentWallMs: 100, seenWallMs: 140 });
  });

  it('started waits for the started line, and finished for the exit status', async () => {
    const { script, agent } = agentHandle();
    const run = startLoad({ exec: streamingExec(script) }, pod, config, () => 0);
    const a = await agent;
    expect(await isSettled(run.started)).to.equal(false);
    await a.stdout(whole);
    expect(await isSettled(run.started)).to.equal(true);
    expect(await isSettled(run.finished), 'the done line is not the exit').to.equal(false);
    a.exit({ status: 'Success' });
    const loads = await run.finished;
    expect([...loads.keys()]).to.deep.equal(['p0', 'p1']);
    expect(loads.get('p0')).to.deep.equal({
      requests: [{ startUs: 1000200, verdict: 'connected' }, { startUs: 1005200, verdict: 'dropped' }],
      droppedIterations: 0, startedUs: 1000000, stoppedUs: 1300000, held: { openedUs: 1000100, pings: [] },
    });
    expect(loads.get('p1')).to.deep.equal({
      requests: [{ startUs: 1250000, verdict: 'refused' }], droppedIterations: 0, startedUs: 1250000, stoppedUs: 1300000,
    });
  });

  it('a non-Success exit status rejects finished, and started if it had not come, naming the pod, the status and the agent\'s stderr', async () => {
    const exec = streamingExec(async (a) => {
      await a.stderr('config: pairs[0].rate: must be > 0\n');
      a.exit({ status: 'Failure', message: 'command terminated with non-zero exit code: error executing command [/agent load], exit code 2' });
    });
    const run = startLoad({ exec }, pod, config, () => 0);
    const finished = await environmentFailure(run.finished);
    expect(finished.message).to.equal('exec x/a /agent load: command terminated with non-zero exit code: error executing command [/agent load], exit code 2: config: pairs[0].rate: must be > 0');
    expect(await environmentFailure(run.started)).to.equal(finished);
  });

  it('a failure after the started line leaves started resolved and rejects finished', async () => {
    const exec = streamingExec(async (a) => {
      await a.stdout('{"type":"started","t":5}\n');
      a.exit({ status: 'Failure', reason: 'NonZeroExitCode' });
    });
    const run = startLoad({ exec }, pod, config, () => 7);
    expect(await run.started).to.deep.equal({ agentUs: 5, sentWallMs: 7, seenWallMs: 7 });
    expect((await environmentFailure(run.finished)).message).to.equal('exec x/a /agent load: NonZeroExitCode');
  });

  it('a websocket error rejects both, with the error as the cause', async () => {
    const cause = new Error('read ECONNRESET');
    const run = startLoad({ exec: streamingExec((a) => { a.socket.emit('error', cause); }) }, pod, config, () => 0);
    const e = await environmentFailure(run.finished);
    expect(e.message).to.equal('exec x/a /agent load: read ECONNRESET');
    expect(e.cause).to.equal(cause);
    expect(await environmentFailure(run.started)).to.equal(e);
  });

  it('an exec that cannot open rejects both with the websocket\'s message (an ErrorEvent, not an Error)', async () => {
    const exec = streamingExec(() => undefined, { refuse: { type: 'error', message: 'Unexpected server response: 404' } });
    const run = startLoad({ exec }, pod, config, () => 0);
    expect((await environmentFailure(run.finished)).message).to.equal('exec x/a /agent load: Unexpected server response: 404');
    await environmentFailure(run.started);
  });

  it('malformed agent output rejects finished (and started) even on a Success exit, quoting the problems', async () => {
    const exec = streamingExec(async (a) => {
      await a.stdout('OCI runtime exec failed\n');
      a.exit({ status: 'Success' });
    });
    const run = startLoad({ exec }, pod, config, () => 0);
    const e = await environmentFailure(run.finished);
    expect(e.message).to.equal('exec x/a /agent load: the agent\'s output: line 1: not JSON: "OCI runtime exec failed"; no "started" line; no "done" line: the agent stopped before the end of its load');
    expect(await environmentFailure(run.started)).to.equal(e);
  });

  it('output missing a pair\'s pair-done rejects finished, though started came', async () => {
    const exec = streamingExec(async (a) => {
      await a.stdout(whole.split('\n').filter((l) => !l.includes('"p":"p1"')).join('\n'));
      a.exit({ status: 'Success' });
    });
    const run = startLoad({ exec }, pod, config, () => 0);
    await run.started;
    expect((await environmentFailure(run.finished)).message).to.equal('exec x/a /agent load: the agent\'s output: pair p1: no "pair-done" line');
  });

  it('a connection that closes without an exit status rejects finished (a second later)', async () => {
    const run = startLoad({ exec: streamingExec(async (a) => { await a.stderr('container not found'); a.socket.emit('close'); }) }, pod, config, () => 0);
    expect((await environmentFailure(run.finished)).message).to.equal('exec x/a /agent load: the connection closed without an exit status: container not found');
  });

  it('abort() ends stdin and closes the socket; stop and end do nothing after it', async () => {
    const { script, agent } = agentHandle();
    const run = startLoad({ exec: streamingExec(script) }, pod, config, () => 0);
    const a = await agent;
    run.abort();
    run.stop('p0');
    run.end();
    await settle();
    expect(a.socket.closed).to.equal(1);
    expect(a.call.ended).to.equal(true);
    expect(a.call.lines).to.have.length(1);
  });
});
