import { expect } from 'chai';
import type { DenySetting } from '../felix/deny-action.ts';
import { fakeExec, heldClock } from './fake-exec.test-helper.ts';
import type { SourcePlan } from './probe-plan.ts';
import { probeRound } from './probe-round.ts';

// The round hands each answer through readAnswer with the cluster's deny action: what a
// cell is observed as depends on both, and only where the agent could not place a refusal.
describe('probeRound: the deny action reads refusals', () => {
  const plan: SourcePlan = {
    pod: { namespace: 'x', name: 'a', ip: '10.244.0.2', node: 'n1' }, key: 'x/a',
    targets: [80, 81, 82].map((port) => ({ key: `x/a -> y/b ${port}/TCP`, from: 'x/a', to: 'y/b', host: '10.244.1.2', port, protocol: 'TCP' as const, path: 'cross-node' as const })),
  };
  const answers: Record<string, object> = {
    'x/a -> y/b 80/TCP': { result: 'refused', latencyMs: 0.4, detail: 'ECONNREFUSED: a TCP reset or an ICMP port unreachable; this kernel does not say which', answeredBy: 'unknown' },
    'x/a -> y/b 81/TCP': { result: 'refused', latencyMs: 0.3, detail: 'ECONNREFUSED: a TCP reset came back', answeredBy: 'destination' },
    'x/a -> y/b 82/TCP': { result: 'rejected', latencyMs: 0.5, detail: 'ECONNREFUSED: ICMP port unreachable from 172.18.0.3', answeredBy: 'path' },
  };
  const exec = () => fakeExec(async (agent) => {
    await agent.stdout(JSON.stringify({ results: Object.entries(answers).map(([id, a]) => ({ id, ...a })) }));
    agent.exit({ status: 'Success' });
  });
  const reject: DenySetting = { action: 'Reject', field: 'iptablesFilterDenyAction', set: true, source: 'FelixConfiguration default sets iptablesFilterDenyAction=Reject' };
  const observed = async (denyAction?: DenySetting) => {
    const round = await probeRound({ exec: exec() }, [plan], { timeoutMs: 1000, clock: heldClock(), ...(denyAction ? { denyAction } : {}) });
    return [80, 81, 82].map((p) => round.samples.get(`x/a -> y/b ${p}/TCP`));
  };

  it('where the cluster rejects, an unplaced refusal is observed rejected and says why; a reset stays refused', async () => {
    const [unplaced, reset, rejected] = await observed(reject);
    expect(unplaced).to.include({ observed: 'rejected' });
    expect(unplaced?.detail).to.match(/^refused: taken as a policy reject because FelixConfiguration default sets iptablesFilterDenyAction=Reject; a missing listener would look the same/);
    expect(reset).to.include({ observed: 'refused', detail: 'ECONNREFUSED: a TCP reset came back' });
    expect(rejected).to.include({ observed: 'rejected', detail: 'ECONNREFUSED: ICMP port unreachable from 172.18.0.3; FelixConfiguration default sets iptablesFilterDenyAction=Reject' });
  });

  it('without a reading, an unplaced refusal stays refused', async () => {
    const [unplaced, , rejected] = await observed();
    expect(unplaced?.observed).to.equal('refused');
    expect(rejected?.observed).to.equal('rejected');
  });

  it('refuses an answer with an answeredBy the protocol does not know (the output is zod-parsed)', async () => {
    const bad = fakeExec(async (agent) => {
      await agent.stdout(JSON.stringify({ results: [{ id: 'x/a -> y/b 80/TCP', result: 'refused', latencyMs: 1, answeredBy: 'router' }] }));
      agent.exit({ status: 'Success' });
    });
    const round = await probeRound({ exec: bad }, [{ ...plan, targets: plan.targets.slice(0, 1) }], { timeoutMs: 1000, clock: heldClock(), denyAction: reject });
    const s = round.samples.get('x/a -> y/b 80/TCP');
    expect(s?.observed).to.equal('error');
    expect(s?.detail).to.include('unexpected agent output');
  });
});
