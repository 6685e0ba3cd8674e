import { expect } from 'chai';
import { buildRunDiff } from '../harness/diff/index.ts';
import type { Cell } from '../harness/model/index.ts';
import { renderTerminal } from './terminal.ts';
import { sampleRun, trafficRun } from './fixture.test-helper.ts';

describe('renderTerminal', () => {
  const text = renderTerminal(sampleRun());
  const lines = text.split('\n');

  it('prints a truth table per step and port with a header of destinations', () => {
    expect(text).to.include('step 1/2: baseline');
    expect(text).to.include('step 2/2: security | tier (1 cell changed; staged: 2, promoted: 1)');
    const header = lines.find((l) => l.includes('x/a') && l.includes('y/a') && l.trim().startsWith('x/a'));
    expect(header, 'a header row listing destinations').to.not.equal(undefined);
  });

  it('marks declared-intent and observed disagreements in the cell', () => {
    // Step 2, row y/a: model allow where deny was declared ("!"); row x/a: model deny, observed connected ("#").
    const step2 = lines.slice(lines.findIndex((l) => l.startsWith('step 2/2')));
    const row = (name: string) => step2.find((l) => new RegExp(`^\\s+${name}\\s+[✓✗]`).test(l));
    expect(row('y/a')).to.match(/^\s+y\/a\s+✓!/);
    expect(row('x/a')).to.match(/✗✓#$/);
    expect(text).to.include('! y/a -> x/a 80/TCP: expect: declared deny, model allow [policy-intent]');
    expect(text).to.include('reproduce: kubectl -n x exec a -- probe y/a 80/TCP');
  });

  it('shows staged and promoted views only where they add something, and says when logs cannot show a change', () => {
    expect(text).to.include('80/TCP staged (pending: what flow logs report)');
    expect(text).to.not.include('80/TCP promoted');
    expect(text).to.include('1 cell(s) differ between staged and promoted');
  });

  it('says what decided each cell with why, and filters by step', () => {
    const why = renderTerminal(sampleRun(), { why: true, step: 'security | tier' });
    expect(why).to.not.include('step 1/2');
    expect(why).to.include('x/a -> y/a 80/TCP  ✗ deny: tier security: GlobalNetworkPolicy security.deny-x-y rule 0 (Deny)');
    expect(why).to.include('y/a -> x/a 80/TCP  ✓ allow: no policy applied: the namespace profile allows  staged deny, promoted allow');
  });

  it('ends with the legend and a summary line counting each class', () => {
    expect(lines.at(-2)).to.equal('2 steps, 9 cells: 3 cells disagree (policy-intent 2, dataplane-or-model 1)');
    expect(text).to.include('✓ allow   ✗ deny');
  });
});

describe('renderTerminal: rejected cells', () => {
  const cell = (to: string, verdict: Cell['verdict']): Cell => ({ from: 'x/a', to, port: 80, protocol: 'TCP', verdict, decidedBy: null });
  const run = buildRunDiff('reject', [{
    name: 'deny y',
    cells: [cell('y/a', 'deny'), cell('y/b', 'allow'), cell('y/c', 'deny')],
    observations: [
      { from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', observed: 'rejected', observedDetail: 'ICMP port unreachable from 172.18.0.3' },
      { from: 'x/a', to: 'y/b', port: 80, protocol: 'TCP', observed: 'rejected' },
      { from: 'x/a', to: 'y/c', port: 80, protocol: 'TCP', observed: 'dropped' },
    ],
  }]);
  const text = renderTerminal(run);
  const row = text.split('\n').find((l) => /^\s+x\/a\s/.test(l)) ?? '';

  it('shows a rejected deny as a deny seen rejected, with no mark: it matches the model', () => {
    const [, ya, yb, yc] = row.trim().split(/\s+/);
    expect(ya).to.equal('✗⊘');
    expect(yc).to.equal('✗');
    // Where the model allows, a reject is a disagreement with the dataplane.
    expect(yb).to.equal('✓⊘#');
    expect(text).to.include('# x/a -> y/b 80/TCP: model allow, observed rejected [dataplane-or-model]');
    expect(text).to.not.include('x/a -> y/a 80/TCP: model');
  });

  it('says in the legend and in a note what ⊘ means', () => {
    expect(text).to.include('⊘ rejected');
    expect(text).to.include('note: 2 cell(s) ⊘ rejected, not dropped');
    expect(text.split('\n').at(-2)).to.equal('1 step, 3 cells: 1 cell disagree (dataplane-or-model 1)');
  });
});

describe('renderTerminal: traffic under change', () => {
  const text = renderTerminal(trafficRun());
  const lines = text.split('\n');

  it('prints a line per pair with its figure, rate and established connection, warnings under it, then the clock', () => {
    const start = lines.indexOf("  traffic under change (4 pair(s); times from the API accepting the step's changes):");
    expect(start).to.be.greaterThan(0);
    expect(lines.slice(start + 1, start + 9)).to.deep.equal([
      '    x/a -> y/a 80/TCP  denies: enforced after 412.0 ms (±5.0 ms); 200/s asked, 199.6/s reached; established connection kept',
      '    x/a -> y/b 80/TCP  stays allowed: 12 failed, longest gap 640.0 ms; 200/s asked, 183.3/s reached; established connection kept',
      '      warning: the agent could not sustain 200/s: reached 183.3/s, 40 request(s) not started (dropped_iterations)',
      '    x/a -> y/c 80/TCP  allows: open after 140.0 ms (±5.0 ms); 200/s asked, 199.6/s reached; established connection never opened (dial tcp 10.0.0.9:80: i/o timeout)',
      '      warning: 2 request(s) failed in the agent itself (error): counted as neither success nor failure',
      '    x/a -> y/d 80/TCP  stays allowed: 0 failed, longest gap 6.1 ms; 200/s asked, 199.6/s reached; established connection kept',
      "    clock: x/a's node clock, which is the harness host's",
      '',
    ]);
  });

  it('marks the cells and lists the new classes like the others', () => {
    const row = lines.find((l) => /^\s+x\/a\s+✗/.test(l)) ?? '';
    expect(row.trim().split(/\s+/)).to.deep.equal(['x/a', '✗', '✓%', '✓%', '✓']);
    expect(text).to.include('% x/a -> y/b 80/TCP: 12 of 2400 new connection(s) failed while the pair should stay allowed; longest gap 640.0 ms (resolution 5.0 ms) [disruption]');
    expect(text).to.include('% x/a -> y/c 80/TCP: established connection: declared kept, but it never opened before the change (dial tcp 10.0.0.9:80: i/o timeout), so its fate cannot be judged: counted as a mismatch [established]');
    expect(text).to.include('% x/a -> y/c 80/TCP: time to open: 140.0 ms, over the threshold 100 ms, resolution 5.0 ms [time-to-enforce]');
    expect(text).to.include('% traffic under change disagrees');
  });

  it('counts the run as failed: never "as expected"', () => {
    expect(text).to.not.include('as expected');
    expect(lines.at(-2)).to.equal('1 step, 4 cells: 2 cells disagree (disruption 1, established 1, time-to-enforce 1)');
  });

  it('says when a deny was never enforced, or was already in place', () => {
    const [y] = trafficRun().steps[0]?.cells ?? [];
    const t = y?.traffic;
    if (!y || !t) throw new Error('fixture: traffic on x/a -> y/a');
    const again = (timeToEnforceMs: number | null) => renderTerminal({ ...trafficRun(), steps: [{ name: 's', staged: false, cells: [{ ...y, traffic: { ...t, timeToEnforceMs } }] }] });
    expect(again(null)).to.include('denies: not enforced by the end of the load (10000.0 ms after the change); 200/s asked');
    expect(again(-2000)).to.include('denies: already enforced 2000.0 ms before the change (±5.0 ms)');
  });

  it('prints no traffic block for a step without traffic', () => {
    expect(renderTerminal(sampleRun())).to.not.include('traffic under change (');
  });
});
