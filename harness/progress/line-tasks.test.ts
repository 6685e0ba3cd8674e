import { expect } from 'chai';
import { lineTasks } from './line-tasks.ts';

describe('lineTasks: progress as plain lines (a pipe, a file, CI)', () => {
  it('says a task started, moves at most once per interval, and ends with its own line', () => {
    let t = 0;
    const out: string[] = [];
    const task = lineTasks({ everyMs: 10_000, now: () => t })('probe pods Ready', 4, (s) => out.push(s));
    task.update(1);
    t = 4_000;
    task.update(2);
    t = 12_000;
    task.update(3, 'round 2');
    t = 13_000;
    task.update(3, 'round 2');
    task.end('4 probe pod(s) Ready in 13.0 s');
    expect(out).to.deep.equal(['probe pods Ready: started (0/4)\n', 'probe pods Ready: 3/4, round 2 (12 s)\n', '4 probe pod(s) Ready in 13.0 s\n']);
  });

  it('a task with no total counts', () => {
    let t = 0;
    const out: string[] = [];
    const task = lineTasks({ everyMs: 1, now: () => (t += 5) })('go build kubernetes', undefined, (s) => out.push(s));
    task.update(120, 'package(s) compiled');
    expect(out).to.deep.equal(['go build kubernetes: started\n', 'go build kubernetes: 120, package(s) compiled (0 s)\n']);
  });

  it('writes no cursor or colour codes', () => {
    const out: string[] = [];
    const task = lineTasks({ everyMs: 0 })('x', 2, (s) => out.push(s));
    task.update(1, 'detail');
    task.end('done');
    // eslint-disable-next-line no-control-regex
    expect(out.join('')).to.not.match(/[\u001b\r]/);
  });
});
