import { expect } from 'chai';
import { renderMarkdown } from './markdown.ts';
import { sampleRun, trafficRun } from './fixture.test-helper.ts';

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleRun());

  it('has a heading per step and a table per port, escaping what would break them', () => {
    expect(md).to.include('# pci \\<guardrails\\> & "co"');
    expect(md).to.include('## security \\| tier');
    expect(md).to.include('| from \\ to | x/a | y/a |');
    expect(md).to.include('| y/a | ✓! | ✓ |');
    expect(md).to.include('| x/a | ✓ | ✗✓# |');
  });

  it('lists each disagreement with its class', () => {
    expect(md).to.include('| ! | y/a -\\> x/a 80/TCP | policy-intent | expect: declared deny, model allow |');
    expect(md).to.include('| # | x/a -\\> y/a 80/TCP | dataplane-or-model | model deny, observed connected |');
  });
});

describe('renderMarkdown: traffic under change', () => {
  const md = renderMarkdown(trafficRun());

  it('has a section per step with traffic: a table of the figures per pair, the warnings below it', () => {
    const lines = md.split('\n');
    const start = lines.indexOf('### Traffic under change');
    expect(start).to.be.greaterThan(0);
    expect(lines.slice(start + 4, start + 13)).to.deep.equal([
      '| pair | change | figure | resolution | rate asked / reached | dropped | failed | established | clock |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
      "| x/a -\\> y/a 80/TCP | denies | enforced after 412.0 ms | ±5.0 ms | 200/s / 199.6/s | 0 | 1920 of 2400 | kept, 120 ping(s) | x/a's node clock, which is the harness host's |",
      "| x/a -\\> y/b 80/TCP | stays allowed | 12 failed, longest gap 640.0 ms | ±5.0 ms | 200/s / 183.3/s | 40 | 12 of 2400 | kept, 120 ping(s) | x/a's node clock, which is the harness host's |",
      "| x/a -\\> y/c 80/TCP | allows | open after 140.0 ms | ±5.0 ms | 200/s / 199.6/s | 0 | 500 of 2400, 2 error(s) | never opened (dial tcp 10.0.0.9:80: i/o timeout), 0 ping(s); declared kept | x/a's node clock, which is the harness host's |",
      "| x/a -\\> y/d 80/TCP | stays allowed | 0 failed, longest gap 6.1 ms | ±5.0 ms | 200/s / 199.6/s | 0 | 0 of 2400 | kept, 120 ping(s) | x/a's node clock, which is the harness host's |",
      '',
      '- x/a -\\> y/b 80/TCP: the agent could not sustain 200/s: reached 183.3/s, 40 request(s) not started (dropped\\_iterations)',
      '- x/a -\\> y/c 80/TCP: 2 request(s) failed in the agent itself (error): counted as neither success nor failure',
    ]);
  });

  it('lists the new classes among the disagreements, and the header counts the run as failed', () => {
    expect(md).to.include('| % | x/a -\\> y/b 80/TCP | disruption | 12 of 2400 new connection(s) failed while the pair should stay allowed; longest gap 640.0 ms (resolution 5.0 ms) |');
    expect(md).to.include('| % | x/a -\\> y/c 80/TCP | time-to-enforce | time to open: 140.0 ms, over the threshold 100 ms, resolution 5.0 ms |');
    expect(md).to.include('**1 step, 4 cells: 2 cells disagree (disruption 1, established 1, time-to-enforce 1)**');
    expect(md).to.not.include('as expected');
  });

  it('has no traffic section where no step has traffic', () => {
    expect(renderMarkdown(sampleRun())).to.not.include('Traffic under change');
  });
});
