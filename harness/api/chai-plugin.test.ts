import * as chai from 'chai';
import { AssertionError, expect } from 'chai';
import { explainScenario, tierprobeChai, TierprobeResult } from './index.ts';

chai.use(tierprobeChai);

const guardrail = 'scenarios/tiered-guardrail.yaml';
const security = 'security tier denies tools to payments';

/** The assertion's failure message (the test fails if it does not throw). */
function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof AssertionError) return e.message;
    throw e;
  }
  throw new Error('the assertion passed');
}

describe('the chai plugin, on explainScenario (the model, no cluster)', () => {
  let result: TierprobeResult;
  before(async () => { result = await explainScenario(guardrail); });

  it('gives each step its cells with the model\'s verdict and decider', () => {
    expect(result.live).to.equal(false);
    expect(result.steps.map((s) => s.name)).to.deep.equal(['app team allows all ingress', security, 'app team tries to re-open for tools']);
    const cell = result.step(security).cells.find((c) => c.from === 'tools/debug' && c.to === 'payments/api' && c.port === 80 && c.protocol === 'TCP');
    expect(cell).to.include({ verdict: 'deny', source: 'model', model: 'deny' });
    expect(cell?.decidedBy).to.include({ tier: 'security', policy: 'security.isolate-payments', ruleIndex: 0, action: 'Deny' });
  });

  it('deny and allow pass on the cells they name, and chain decidedBy on those cells only', () => {
    expect(result.step(security)).to.deny('tools/*', 'payments/*', '80/TCP').and.decidedBy({ tier: 'security' });
    expect(result.step(security)).to.deny('tools/*', 'payments/*').and.decidedBy({ tier: 'security', policy: 'security.isolate-payments' });
    expect(result.step(security)).to.allow('frontend/*', 'payments/*', '80/TCP').and.decidedBy({ tier: 'default' });
    expect(result.step('app team tries to re-open for tools')).to.deny('tools/debug', 'payments/api', '80/UDP');
    expect(result.step(security)).not.to.allow('tools/*', 'payments/*');
  });

  it('fails with the table of the cells that are not as asked', () => {
    const m = failure(() => expect(result.step('app team allows all ingress')).to.deny('tools/*', 'payments/*', '80/TCP'));
    expect(m).to.contain('expected step "app team allows all ingress" to deny tools/* -> payments/* 80/TCP: 1 of 1 cell(s) do not');
    expect(m).to.match(/cell\s+wanted\s+got\s+from\s+decided by \(model\)/);
    expect(m).to.match(/tools\/debug -> payments\/api 80\/TCP\s+deny\s+allow\s+model\s+tier default: NetworkPolicy payments\/knp\.default\.allow-all-ingress rule 0 \(Allow\)/);
    const d = failure(() => expect(result.step(security)).to.allow('frontend/*', 'payments/*').and.decidedBy({ tier: 'security' }));
    expect(d).to.contain('expected 2 cell(s) to be decided by tier security: 2 are not');
    expect(d).to.contain('frontend/web -> payments/api 80/UDP');
  });

  it('conformTo an expect block, blocks by step name, or another result', async () => {
    expect(result.step(security)).to.conformTo({ default: 'allow', rules: [{ from: 'tools/*', to: 'payments/*', verdict: 'deny' }] });
    expect(result).to.conformTo({ [security]: { rules: [{ from: 'tools/*', to: 'payments/*', port: '80/TCP', verdict: 'deny' }] } });
    expect(result).to.conformTo(await explainScenario(guardrail));
    const m = failure(() => expect(result).to.conformTo({ default: 'allow' }));
    // Every step but the first denies tools -> payments on both ports.
    expect(m).to.contain('expected tiered-guardrail to conform: 4 of 36 checked cell(s) differ');
    expect(m).to.match(/step\s+cell\s+wanted/);
    expect(m).to.match(/app team tries to re-open for tools\s+tools\/debug -> payments\/api 80\/UDP\s+allow\s+deny\s+model\s+tier security: GlobalNetworkPolicy security\.isolate-payments rule 0 \(Deny\)/);
  });

  it('says what is wrong with what it was given', () => {
    expect(() => expect(result.step(security)).to.deny('tools', 'payments/*')).to.throw(TypeError, /from: "tools" is not an address/);
    expect(() => expect(result.step(security)).to.deny('tools/*', 'payments/*', '80/tcp')).to.throw(TypeError, /port: "80\/tcp" is not a port/);
    expect(() => expect(result).to.deny('tools/*', 'payments/*')).to.throw(TypeError, /has 3 steps: assert on one of them/);
    expect(() => expect({ steps: [] }).to.conformTo({ default: 'allow' })).to.throw(TypeError, /expected a tierprobe result/);
    expect(() => expect(result).to.conformTo({ nope: { default: 'allow' } })).to.throw(TypeError, /no step named "nope"/);
    expect(() => expect(result).to.conformTo({ rules: [{ from: 'x/*', to: 'y/*', verdict: 'maybe' as 'allow' }] })).to.throw(TypeError, /not an expect block/);
    expect(failure(() => expect(result.step(security)).to.deny('nobody/*', 'payments/*'))).to.contain('no cell of it matches nobody/* -> payments/*');
    expect(failure(() => expect(result.step(security)).to.conformTo({ rules: [{ from: 'nobody/*', to: '*/*', verdict: 'deny' }] }))).to.contain('covers none of its cells');
    expect(() => result.step('nope')).to.throw(/has no step named "nope"; its steps are: "app team allows all ingress"/);
  });
});
