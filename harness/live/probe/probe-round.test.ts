import { expect } from 'chai';
import { agentAnswering, fakeExec, heldClock } from './fake-exec.test-helper.ts';
import type { ProbeTarget, SourcePlan } from './probe-plan.ts';
import { probeRound, starved } from './probe-round.ts';

const target = (from: string, to: string, port: number): ProbeTarget =>
  ({ key: `${from} -> ${to} ${port}/TCP`, from, to, host: '10.244.1.2', port, protocol: 'TCP', path: 'cross-node' });
const plan = (from: string, ports: number[]): SourcePlan => {
  const [namespace = '', name = ''] = from.split('/');
  return { pod: { namespace, name, ip: '10.244.0.2', node: 'n1' }, key: from, targets: ports.map((p) => target(from, 'y/a', p)) };
};

describe('probeRound', () => {
  it('a drop the agent noticed late (starved of CPU) is an error, not a deny; one on time stays dropped', async () => {
    // Timeout 1000 ms: late means after 1200 ms (20 %, at least 100 ms).
    const latency: Record<number, number> = { 80: 1000, 81: 1200, 82: 1201, 83: 5000 };
    const exec = fakeExec(agentAnswering((id) => {
      const port = Number(/ (\d+)\/TCP$/.exec(id)?.[1]);
      return { result: port === 83 ? 'connected' : 'dropped', latencyMs: latency[port] ?? 0, ...(port === 82 ? { detail: 'no answer' } : {}) };
    }));
    const round = await probeRound({ exec }, [plan('x/a', [80, 81, 82, 83])], { timeoutMs: 1000, clock: heldClock() });
    const seen = (port: number) => round.samples.get(`x/a -> y/a ${port}/TCP`);
    expect([80, 81, 82, 83].map((p) => seen(p)?.observed)).to.deep.equal(['dropped', 'dropped', 'error', 'connected']);
    expect(seen(82)?.detail).to.equal('the agent noticed its 1000 ms timeout only after 1201 ms (starved of CPU): not counted as a drop; no answer');
    expect(seen(82)?.latencyMs).to.equal(1201);
  });

  it('the late margin is 100 ms for short timeouts, 20 % for long ones', () => {
    expect([starved(300, 200), starved(301, 200), starved(6000, 5000), starved(6001, 5000)]).to.deep.equal([false, true, false, true]);
  });

  it('a failed exec makes every cell of that source an error with the reason; other sources are unaffected', async () => {
    const ok = agentAnswering(() => ({ result: 'connected', latencyMs: 2 }));
    const exec = fakeExec(async (agent) => {
      if (agent.call.pod === 'b') agent.exit({ status: 'Failure', message: 'container not running' });
      else await ok(agent);
    });
    const round = await probeRound({ exec }, [plan('x/a', [80]), plan('x/b', [80, 81])], { timeoutMs: 1000, clock: heldClock() });
    // Sources run at once: the order of the samples is the order the execs ended in.
    expect([...round.samples].map(([k, v]) => [k, v.observed, v.detail]).sort()).to.deep.equal([
      ['x/a -> y/a 80/TCP', 'connected', undefined],
      ['x/b -> y/a 80/TCP', 'error', 'exec x/b /agent probe: container not running'],
      ['x/b -> y/a 81/TCP', 'error', 'exec x/b /agent probe: container not running'],
    ]);
  });

  it('probes only the cells asked for, one exec per source that has any', async () => {
    const exec = fakeExec(agentAnswering(() => ({ result: 'connected', latencyMs: 2 })));
    const round = await probeRound({ exec }, [plan('x/a', [80, 81]), plan('x/b', [80])], { timeoutMs: 1000, clock: heldClock() }, new Set(['x/a -> y/a 81/TCP']));
    expect([...round.samples.keys()]).to.deep.equal(['x/a -> y/a 81/TCP']);
    expect(exec.calls.map((c) => c.pod)).to.deep.equal(['a']);
  });
});
