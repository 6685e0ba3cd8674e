import { expect } from 'chai';
import { buildRunDiff } from '../harness/diff/index.ts';
import type { Cell } from '../harness/model/index.ts';
import { renderTerminal } from './terminal.ts';
import { sampleRun } from './fixture.test-helper.ts';

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
