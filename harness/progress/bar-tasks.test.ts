import { expect } from 'chai';
import { Writable } from 'node:stream';
import { barTasks } from './bar-tasks.ts';

/** A terminal that keeps what was drawn, and tells when a frame shows a text. */
function terminal(): { stream: NodeJS.WriteStream; text: () => string; shows: (s: string) => Promise<void> } {
  let drawn = '';
  const waits: { s: string; resolve: () => void }[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      drawn += chunk.toString();
      for (const x of waits.filter((x) => drawn.includes(x.s))) { waits.splice(waits.indexOf(x), 1); x.resolve(); }
      done();
    },
  });
  Object.assign(w, { isTTY: true, columns: 120, rows: 40 });
  return {
    stream: w as unknown as NodeJS.WriteStream,
    text: () => drawn,
    shows: (s) => (drawn.includes(s) ? Promise.resolve() : new Promise((resolve) => waits.push({ s, resolve }))),
  };
}

describe('barTasks: progress as bars in a terminal (cli-progress)', () => {
  it('draws a bar with its count and detail, writes other text above it, and leaves only the end line', async () => {
    const t = terminal();
    const bars = barTasks(t.stream);
    const lines: string[] = [];
    const task = bars.starter('probe pods Ready', 4, (s) => { lines.push(s); bars.writeAbove(s); });
    task.update(3, 'round 2');
    await t.shows('3/4  round 2');
    expect(t.text()).to.contain('probe pods Ready').and.contain('█');
    bars.writeAbove('warning: a message while the bar is up\n');
    await t.shows('warning: a message while the bar is up');
    task.end('4 probe pod(s) Ready in 1.0 s');
    await t.shows('4 probe pod(s) Ready in 1.0 s');
    expect(lines).to.deep.equal(['4 probe pod(s) Ready in 1.0 s\n']);
    const after = t.text().length;
    bars.writeAbove('plain again\n');
    expect(t.text().slice(after)).to.equal('plain again\n');
  });

  it('a task with no total shows a count, not a bar', async () => {
    const t = terminal();
    const bars = barTasks(t.stream);
    const task = bars.starter('go build kubernetes', undefined, (s) => bars.writeAbove(s));
    task.update(812, 'package(s) compiled, 95 s');
    await t.shows('go build kubernetes  812  package(s) compiled, 95 s');
    task.end('built');
    await t.shows('built\n');
  });
});
