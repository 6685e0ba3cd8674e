import { expect } from 'chai';
import { EnvironmentError } from '../../errors.ts';
import type { PairChange, TrafficPair } from '../../traffic/types.ts';
import type { ProbeTarget, SourcePlan } from '../probe/probe-plan.ts';
import type { LoadConfig } from './load-exec.ts';
import { startTraffic, type TrafficOptions } from './step-traffic.ts';
import { agentLoading, isSettled, runUntil, settle, streamingExec, virtualClock, type LoadAgentOptions, type VirtualClock } from './streaming-exec.test-helper.ts';

/** The harness's wall clock at the virtual clock's 0 (ms). */
const epoch = 1_700_000_000_000;
const location = { file: 's.yaml', line: 3, column: 5 };

const target = (from: string, to: string, host: string, port: number, protocol: 'TCP' | 'UDP'): ProbeTarget =>
  ({ key: `${from} -> ${to} ${port}/${protocol}`, from, to, host, port, protocol, path: 'cross-node' });
const plans: SourcePlan[] = [
  {
    key: 'x/a', pod: { namespace: 'x', name: 'a', ip: '10.0.0.1', node: 'n1' },
    targets: [
      target('x/a', 'x/a', '10.0.0.1', 8080, 'TCP'),
      target('x/a', 'y/b', '10.0.0.2', 80, 'TCP'),
      target('x/a', 'y/c', '10.0.0.3', 53, 'UDP'),
      target('x/a', 'y/c', '10.0.0.3', 80, 'TCP'),
    ],
  },
  {
    key: 'y/b', pod: { namespace: 'y', name: 'b', ip: '10.0.0.2', node: 'n2' },
    targets: [target('y/b', 'x/a', '10.0.0.1', 8080, 'TCP'), target('y/b', 'y/c', '10.0.0.3', 80, 'TCP')],
  },
];
const pair = (from: string, to: string, port: number, protocol: 'TCP' | 'UDP', rate: number, beforeMs: number, afterMs: number): TrafficPair =>
  ({ from, to, port, protocol, rate, beforeMs, afterMs, location });
// Two sources; the longest before is 1000 ms; the stops fall at +500 (x/a p0), +1000 (y/b p0), +1500 (x/a p1).
const pairs: TrafficPair[] = [
  pair('x/a', 'y/b', 80, 'TCP', 100, 1000, 500),
  pair('y/b', 'x/a', 8080, 'TCP', 20, 800, 1000),
  pair('x/a', 'y/c', 53, 'UDP', 50, 400, 1500),
];
const [ab, ba, ac] = ['x/a -> y/b 80/TCP', 'y/b -> x/a 8080/TCP', 'x/a -> y/c 53/UDP'];

interface Setup {
  clock: VirtualClock;
  wallNow: () => number;
  exec: ReturnType<typeof streamingExec>;
  stops: { pod: string; id: string; afterOriginMs: number }[];
  options: TrafficOptions;
  /** Takes the harness's wall time now, shifted, as the origin the stops are timed from. */
  origin: (shiftMs?: number) => number;
}

/** Agents playing `agent load` on a virtual clock; agent options per pod name. */
function setup(agent: (wallNow: () => number, clock: VirtualClock) => Partial<LoadAgentOptions> = () => ({}), o: Partial<TrafficOptions> = {}): Setup {
  const clock = virtualClock();
  const wallNow = () => epoch + clock.now();
  const stops: Setup['stops'] = [];
  let originWall = 0;
  const exec = streamingExec((side) => agentLoading({
    now: wallNow, ...agent(wallNow, clock),
    onStop: (pod, id) => stops.push({ pod, id, afterOriginMs: wallNow() - originWall }),
  })(side));
  const options: TrafficOptions = { clock, wallNow, timeoutMs: 500, sharedClock: true, maxRunMs: 60_000.5, ...o };
  return { clock, wallNow, exec, stops, options, origin: (shiftMs = 0) => { originWall = wallNow() + shiftMs; return originWall; } };
}

/** The config each exec got, by pod. */
const configs = (s: Setup) => new Map(s.exec.calls.map((c) => [`${c.namespace}/${c.pod}`, JSON.parse(c.lines[0] ?? '') as LoadConfig]));

async function rejection(p: Promise<unknown>): Promise<EnvironmentError> {
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  expect(e).to.be.instanceOf(EnvironmentError);
  if (!(e instanceof EnvironmentError)) throw new Error('not an EnvironmentError');
  return e;
}

describe('startTraffic', () => {
  it('starts one load per source pod, its pairs p0.. with the plan\'s hosts, delayed so that every pair has run its before at the same time', async () => {
    const s = setup();
    await runUntil(startTraffic({ exec: s.exec }, plans, pairs, s.options), s.clock);
    expect(s.exec.calls.map((c) => ({ ns: c.namespace, pod: c.pod, container: c.container, command: c.command })))
      .to.deep.equal([{ ns: 'x', pod: 'a', container: 'probe', command: ['/agent', 'load'] }, { ns: 'y', pod: 'b', container: 'probe', command: ['/agent', 'load'] }]);
    const common = { timeoutMs: 500, maxDurationMs: 61_001, holdIntervalMs: 100 };
    expect(Object.fromEntries(configs(s))).to.deep.equal({
      'x/a': {
        ...common, pairs: [
          { id: 'p0', host: '10.0.0.2', port: 80, protocol: 'TCP', rate: 100, delayMs: 0, hold: true },
          { id: 'p1', host: '10.0.0.3', port: 53, protocol: 'UDP', rate: 50, delayMs: 600, hold: true },
        ],
      },
      'y/b': { ...common, pairs: [{ id: 'p0', host: '10.0.0.1', port: 8080, protocol: 'TCP', rate: 20, delayMs: 200, hold: true }] },
    });
  });

  it('holdIntervalMs is passed on when given', async () => {
    const s = setup(() => ({}), { holdIntervalMs: 250 });
    await runUntil(startTraffic({ exec: s.exec }, plans, pairs.slice(0, 1), s.options), s.clock);
    expect(configs(s).get('x/a')?.holdIntervalMs).to.equal(250);
  });

  it('waits for every agent\'s started line, then the longest before, and only then returns', async () => {
    let release!: () => void;
    const late = new Promise<void>((resolve) => { release = resolve; });
    // y/b says started only when the test lets it.
    const s = setup();
    const exec = streamingExec((side) => agentLoading({ now: s.wallNow, ...(side.call.pod === 'b' ? { startWhen: late } : {}) })(side));
    const running = startTraffic({ exec }, plans, pairs, s.options);
    await settle();
    expect(s.clock.pending.map((p) => p.ms), 'only the start deadline').to.deep.equal([30_000]);
    expect(await isSettled(running)).to.equal(false);
    release();
    await settle();
    expect(s.clock.pending.map((p) => p.ms), 'the deadline is off; the before runs').to.deep.equal([1000]);
    expect(await isSettled(running)).to.equal(false);
    s.clock.fireNext();
    expect(await isSettled(running)).to.equal(true);
    expect(s.clock.now()).to.equal(1000);
  });

  it('finish: stops each pair at the origin plus its after, in that order, ends stdin, and gives the figures by cell key with the change', async () => {
    const s = setup();
    const running = await runUntil(startTraffic({ exec: s.exec }, plans, pairs, s.options), s.clock);
    s.clock.set(s.clock.now() + 37);
    const origin = s.origin();
    expect(running.stopsAtWallMs(origin)).to.equal(origin + 1500);
    const changes = new Map<string, PairChange>([[ab, 'denies'], [ac, 'stays-denied']]);
    const figures = await runUntil(running.finish(origin, 40, changes), s.clock);
    expect(s.stops).to.deep.equal([
      { pod: 'a', id: 'p0', afterOriginMs: 500 },
      { pod: 'b', id: 'p0', afterOriginMs: 1000 },
      { pod: 'a', id: 'p1', afterOriginMs: 1500 },
    ]);
    expect(s.exec.calls.map((c) => c.ended), 'stdin ended').to.deep.equal([true, true]);
    expect([...figures.keys()].sort()).to.deep.equal([ab, ac, ba].sort());
    expect(figures.get(ab)).to.include({ change: 'denies', ratePerSecond: 100, beforeMs: 1037, afterMs: 500, timeToEnforceMs: null });
    expect(figures.get(ac)).to.include({ change: 'stays-denied', ratePerSecond: 50, beforeMs: 437, afterMs: 1500 });
    // A pair the changes do not name stays allowed.
    expect(figures.get(ba)).to.include({ change: 'stays-allowed', ratePerSecond: 20, beforeMs: 837, afterMs: 1000 });
    expect(figures.get(ba)?.disruption).to.deep.equal({ failed: 0, longestGapMs: 50 });
    expect(figures.get(ab)?.clock).to.equal('x/a\'s node clock, which is the harness host\'s (kind nodes are containers on it)');
    expect(figures.get(ba)?.clock).to.equal('y/b\'s node clock, which is the harness host\'s (kind nodes are containers on it)');
  });

  it('a stop already due when finish is called is sent at once', async () => {
    const s = setup();
    const running = await runUntil(startTraffic({ exec: s.exec }, plans, pairs, s.options), s.clock);
    const origin = s.origin(-1200);
    const figures = await runUntil(running.finish(origin, 40, new Map()), s.clock);
    expect(s.stops.map((x) => [x.pod, x.id, x.afterOriginMs])).to.deep.equal([['a', 'p0', 1200], ['b', 'p0', 1200], ['a', 'p1', 1500]]);
    expect(figures.size).to.equal(3);
  });

  describe('on a clock not shared with the harness', () => {
    const denyAfterMs = 250;

    /**
     * One pair x/a -> y/b that the dataplane denies 250 ms after the origin (harness time), its
     * agent's clock agentAheadMs ahead of the harness's. The exec takes 20 ms from the call to
     * the started line's arrival; the agent wrote it halfway.
     */
    async function figuresWith(agentAheadMs: number, sharedClock: boolean, denyAtMs = denyAfterMs, applyMs = 40) {
      let originWall = Infinity;
      const s = setup((wallNow, clock) => ({
        now: () => wallNow() + agentAheadMs,
        beforeStarted: () => clock.set(clock.now() + 20),
        startedAt: () => wallNow() + agentAheadMs - 10,
        verdict: (_p, atMs) => (atMs - agentAheadMs >= originWall + denyAtMs ? 'dropped' : 'connected'),
      }), { sharedClock });
      const running = await runUntil(startTraffic({ exec: s.exec }, plans, [pair('x/a', 'y/b', 80, 'TCP', 100, 1000, 1000)], s.options), s.clock);
      originWall = s.origin();
      const figures = await runUntil(running.finish(originWall, applyMs, new Map([[ab, 'denies' as const]])), s.clock);
      const f = figures.get(ab);
      if (!f) throw new Error('no figures');
      return f;
    }

    it('estimates the source pod\'s offset from its started line, says so, and takes it out of the figures', async () => {
      const agreeing = await figuresWith(0, true);
      expect(agreeing.timeToEnforceMs).to.equal(denyAfterMs);
      const ahead = await figuresWith(5000, false);
      expect(ahead.clock).to.equal('x/a\'s node clock; its offset to the harness\'s, +5000.0 ms ± 10.0 ms (from the agent\'s start line), was taken out of every figure');
      const { clock: _a, ...rest } = ahead;
      const { clock: _b, ...expected } = agreeing;
      expect(rest, 'as if the clocks agreed').to.deep.equal(expected);
    });

    it('a pod clock behind the harness\'s is a negative offset', async () => {
      const behind = await figuresWith(-1234.5, false);
      expect(behind.clock).to.contain('its offset to the harness\'s, −1234.5 ms ± 10.0 ms');
      expect(behind.timeToEnforceMs).to.equal(denyAfterMs);
    });

    it('a turn before the origin (after the offset is taken out) is told, with the time the API calls took', async () => {
      const early = await figuresWith(5000, false, -30, 80.4);
      expect(early.timeToEnforceMs).to.equal(-30);
      expect(early.warnings).to.deep.equal(['in force 30.0 ms before the API\'s answer reached the harness: the change took effect when the API server committed it, inside the 80 ms the step\'s API calls took']);
      // Denied from the first request on: figures.ts says so, and nothing more is said.
      const already = await figuresWith(0, true, -5000);
      expect(already.warnings).to.deep.equal(['already denied before the change']);
      expect((await figuresWith(0, true)).warnings).to.deep.equal([]);
    });

    it('with the clock shared, an offset is not estimated (the figures are shifted by it)', async () => {
      const f = await figuresWith(5000, true);
      expect(f.clock).to.contain('which is the harness host\'s');
      expect(f.timeToEnforceMs).to.equal(denyAfterMs + 5000);
    });
  });

  it('a source pod missing from the plans is an EnvironmentError, and starts no load', async () => {
    const s = setup();
    const e = await rejection(startTraffic({ exec: s.exec }, plans, [pair('z/q', 'x/a', 8080, 'TCP', 10, 100, 100)], s.options));
    expect(e.message).to.equal('traffic from z/q: no probe pod of that name is running');
    expect(e.hint).to.contain('probe pods');
    expect(s.exec.calls).to.deep.equal([]);
  });

  it('a plan that fails after a source that is planned leaves no load running (none is started)', async () => {
    const later = [
      pair('z/q', 'x/a', 8080, 'TCP', 10, 100, 100),
      pair('y/b', 'x/a', 9999, 'TCP', 10, 100, 100),
    ];
    for (const bad of later) {
      const s = setup();
      await rejection(startTraffic({ exec: s.exec }, plans, [pairs[0] as TrafficPair, bad], s.options));
      await settle();
      const running = s.exec.calls.filter((c) => !c.ended || c.socket.closed === 0);
      expect(running.map((c) => `${c.namespace}/${c.pod}`), `${bad.from} -> ${bad.to} ${bad.port}`).to.deep.equal([]);
      expect(s.exec.calls).to.deep.equal([]);
    }
  });

  it('a target missing from the source\'s plan is an EnvironmentError', async () => {
    const s = setup();
    const e = await rejection(startTraffic({ exec: s.exec }, plans, [pair('y/b', 'x/a', 9999, 'TCP', 10, 100, 100)], s.options));
    expect(e.message).to.equal('traffic y/b -> x/a 9999/TCP: the probe plan has no such target');
  });

  it('an agent that never says started: rejects after 30 s and aborts every exec', async () => {
    const s = setup();
    const exec = streamingExec((side) => agentLoading({ now: s.wallNow, ...(side.call.pod === 'b' ? { startWhen: new Promise<void>(() => undefined) } : {}) })(side));
    const running = startTraffic({ exec }, plans, pairs, s.options);
    await settle();
    expect(s.clock.pending.map((p) => p.ms)).to.deep.equal([30_000]);
    expect(await isSettled(running)).to.equal(false);
    s.clock.fireNext();
    const e = await rejection(running);
    expect(e.message).to.equal('the traffic load did not start within 30 s in x/a, y/b');
    expect(e.hint).to.contain('npx tierprobe cluster up');
    await settle();
    expect(exec.calls.map((c) => ({ ended: c.ended, closed: c.socket.closed }))).to.deep.equal([{ ended: true, closed: 1 }, { ended: true, closed: 1 }]);
    expect(s.clock.pending, 'no before is waited').to.deep.equal([]);
  });

  it('an exec that fails before the started line rejects at once and aborts the others', async () => {
    const s = setup();
    const exec = streamingExec((side) => (side.call.pod === 'b'
      ? side.exit({ status: 'Failure', message: 'container probe not found' })
      : agentLoading({ now: s.wallNow })(side)));
    const e = await rejection(startTraffic({ exec }, plans, pairs, s.options));
    expect(e.message).to.equal('exec y/b /agent load: container probe not found');
    expect(exec.calls.find((c) => c.pod === 'a')?.socket.closed).to.equal(1);
  });

  it('abort() aborts every exec', async () => {
    const s = setup();
    const running = await runUntil(startTraffic({ exec: s.exec }, plans, pairs, s.options), s.clock);
    running.abort();
    await settle();
    expect(s.exec.calls.map((c) => ({ ended: c.ended, closed: c.socket.closed }))).to.deep.equal([{ ended: true, closed: 1 }, { ended: true, closed: 1 }]);
  });

  it('a failed agent makes finish reject, and aborts the execs', async () => {
    const s = setup();
    const exec = streamingExec(async (side) => {
      if (side.call.pod !== 'b') return agentLoading({ now: s.wallNow })(side);
      await side.nextLine();
      await side.stdout(`${JSON.stringify({ type: 'started', t: s.wallNow() * 1000 })}\n`);
      while (await side.nextLine() !== undefined) { /* reads the stops */ }
      side.exit({ status: 'Failure', message: 'exit code 1' });
    });
    const running = await runUntil(startTraffic({ exec }, plans, pairs, s.options), s.clock);
    const e = await rejection(runUntil(running.finish(s.origin(), 40, new Map()), s.clock));
    expect(e.message).to.equal('exec y/b /agent load: exit code 1');
    expect(exec.calls.map((c) => c.socket.closed)).to.deep.equal([1, 1]);
  });
});
