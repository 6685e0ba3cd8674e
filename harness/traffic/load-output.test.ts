import { expect } from 'chai';
import { LoadOutputReader } from './load-output.ts';

const whole = [
  '{"type":"started","t":1000000}',
  '{"type":"held-open","p":"p0","t":1000100,"ok":true}',
  '{"type":"req","p":"p0","t":1000200,"v":"connected","ms":0.41}',
  '{"type":"held-open","p":"p1","t":1000150,"ok":false,"detail":"dial tcp 10.0.0.9:80: i/o timeout"}',
  // Lines come as requests finish: the later start first.
  '{"type":"req","p":"p0","t":1010200,"v":"dropped","ms":1000}',
  '{"type":"req","p":"p0","t":1005200,"v":"error"}',
  '{"type":"held","p":"p0","t":1100100,"ok":true}',
  '{"type":"held","p":"p0","t":1200100,"ok":false,"detail":"read: connection reset by peer"}',
  '{"type":"req","p":"p1","t":1000300,"v":"refused","ms":0.2}',
  '{"type":"pair-done","p":"p0","started":1000050,"stopped":1300000,"requests":3,"dropped":2}',
  '{"type":"pair-done","p":"p1","started":1000060,"stopped":1300000,"requests":1,"dropped":0}',
  '{"type":"done","t":1300500}',
].join('\n') + '\n';

function read(text: string, ids = ['p0', 'p1'], chunk = text.length) {
  const r = new LoadOutputReader(ids);
  for (let i = 0; i < text.length; i += chunk) r.push(text.slice(i, i + chunk));
  return { reader: r, loads: r.end() };
}

describe('LoadOutputReader', () => {
  it('reads every line type into one PairLoad per pair, requests in the order they started', () => {
    const { reader, loads } = read(whole);
    expect(reader.problems).to.deep.equal([]);
    expect(reader.startedUs).to.equal(1000000);
    expect(loads.get('p0')).to.deep.equal({
      requests: [
        { startUs: 1000200, verdict: 'connected' },
        { startUs: 1005200, verdict: 'error' },
        { startUs: 1010200, verdict: 'dropped' },
      ],
      droppedIterations: 2, startedUs: 1000050, stoppedUs: 1300000,
      held: {
        openedUs: 1000100, cutUs: 1200100, cutDetail: 'read: connection reset by peer',
        pings: [{ startUs: 1100100, ok: true }, { startUs: 1200100, ok: false }],
      },
    });
    expect(loads.get('p1')).to.deep.equal({
      requests: [{ startUs: 1000300, verdict: 'refused' }],
      droppedIterations: 0, startedUs: 1000060, stoppedUs: 1300000,
      heldOpenError: 'dial tcp 10.0.0.9:80: i/o timeout',
    });
  });

  it('joins lines split anywhere across chunks, and CRLF line ends', () => {
    for (const chunk of [1, 7, 64]) {
      const { reader, loads } = read(whole, ['p0', 'p1'], chunk);
      expect(reader.problems, `chunks of ${chunk}`).to.deep.equal([]);
      expect(loads.get('p0')?.requests).to.have.length(3);
    }
    expect(read(whole.replace(/\n/g, '\r\n')).reader.problems).to.deep.equal([]);
  });

  it('knows when the agent started as soon as that line arrives', () => {
    const r = new LoadOutputReader(['p0']);
    r.push('{"type":"sta');
    expect(r.startedUs).to.equal(undefined);
    r.push('rted","t":42}\n{"type":"req"');
    expect(r.startedUs).to.equal(42);
  });

  it('reads a last line without its newline at the end', () => {
    const { reader } = read(whole.trimEnd());
    expect(reader.problems).to.deep.equal([]);
  });

  it('never throws on malformed lines: each is a problem naming its line', () => {
    const text = [
      '{"type":"started","t":1}',
      'panic: runtime error',
      '{"type":"req","p":"p0","t":2,"v":"maybe"}',
      '{"type":"req","p":"p0","t":-3,"v":"connected"}',
      '{"type":"gossip","t":4}',
      '',
      '{"type":"pair-done","p":"p0","started":1,"stopped":9,"requests":0,"dropped":0}',
      '{"type":"done","t":10}',
    ].join('\n');
    const { reader, loads } = read(text, ['p0']);
    expect(reader.problems).to.have.length(4);
    expect(reader.problems[0]).to.equal('line 2: not JSON: "panic: runtime error"');
    expect(reader.problems[1]).to.match(/^line 3: not a load line \(v: .*\): /);
    expect(reader.problems[2]).to.match(/^line 4: not a load line \(t: /);
    expect(reader.problems[3]).to.match(/^line 5: not a load line/);
    expect(loads.get('p0')?.requests).to.deep.equal([]);
  });

  it('an unknown pair id is a problem; a pair without pair-done is a problem and left out', () => {
    const text = [
      '{"type":"started","t":1}',
      '{"type":"req","p":"p7","t":2,"v":"connected"}',
      '{"type":"req","p":"p0","t":2,"v":"connected"}',
      '{"type":"done","t":10}',
    ].join('\n');
    const { reader, loads } = read(text, ['p0']);
    expect(reader.problems).to.deep.equal([
      'line 2: unknown pair "p7" (the load has p0)',
      'pair p0: no "pair-done" line',
    ]);
    expect(loads.has('p0')).to.equal(false);
    // end() again: the same map, no problem added twice.
    expect(reader.end()).to.equal(loads);
    expect(reader.problems).to.have.length(2);
  });

  it('a stream cut short has no done line; lost req lines show in pair-done\'s count', () => {
    const { reader } = read([
      '{"type":"started","t":1}',
      '{"type":"req","p":"p0","t":2,"v":"connected"}',
      '{"type":"pair-done","p":"p0","started":1,"stopped":9,"requests":2,"dropped":0}',
    ].join('\n'), ['p0']);
    expect(reader.problems).to.deep.equal([
      'line 3: pair p0: "pair-done" counts 2 request(s), 1 "req" line(s) came',
      'no "done" line: the agent stopped before the end of its load',
    ]);
    expect(read('', ['p0']).reader.problems).to.include('no "started" line');
  });

  it('the long-lived connection: pings need held-open, and the first failed ping is the last', () => {
    const { reader, loads } = read([
      '{"type":"started","t":1}',
      '{"type":"held","p":"p0","t":2,"ok":true}',
      '{"type":"held-open","p":"p0","t":3,"ok":true}',
      '{"type":"held","p":"p0","t":4,"ok":false}',
      '{"type":"held","p":"p0","t":5,"ok":true}',
      '{"type":"held-open","p":"p0","t":6,"ok":true}',
      '{"type":"pair-done","p":"p0","started":1,"stopped":9,"requests":0,"dropped":0}',
      '{"type":"req","p":"p0","t":7,"v":"connected"}',
      '{"type":"done","t":10}',
    ].join('\n'), ['p0']);
    expect(reader.problems).to.deep.equal([
      'line 2: pair p0: a "held" ping before "held-open"',
      'line 5: pair p0: a "held" ping after the connection was cut',
      'line 6: pair p0: a second "held-open" line',
      'line 8: pair p0: "req" after its "pair-done"',
    ]);
    expect(loads.get('p0')?.held).to.deep.equal({ openedUs: 3, cutUs: 4, pings: [{ startUs: 4, ok: false }] });
  });

  it('keeps 50 problems and counts the rest', () => {
    const { reader } = read(`${'x\n'.repeat(60)}`, []);
    expect(reader.problems).to.have.length(51);
    expect(reader.problems.at(-1)).to.equal('… and 12 more problem(s)');
  });
});
