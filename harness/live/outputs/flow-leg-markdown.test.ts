import { expect } from 'chai';
import { liveRun } from './live-run.test-helper.ts';
import { liveMarkdown } from './live-markdown.ts';
import { liveRunStatus } from './run-status.ts';

const settings = { flushSeconds: 5, windowSeconds: 5, from: { flush: 'env', window: 'env' } };

describe('report.md: the flow-log leg', () => {
  it('says plainly when the flow logs were not checked', () => {
    const run = liveRun({ steps: 2 });
    const md = liveMarkdown(run, [], liveRunStatus(run, ['one', 'two']));
    expect(md).to.contain('**The flow-log leg was not checked**: --no-flows was given.');
  });

  it('tabulates each step\'s evidence and lists the notes of cells', () => {
    const run = liveRun({ steps: 2 });
    run.flows = { checked: true, settings };
    run.steps = run.steps.map((s) => ({ ...s, flows: { fromSec: 1, gridKnown: true, coveredUntilMs: 9000, waitedMs: 5200, completeMs: 15000, roundToEvidenceMs: 10400, lists: 1, records: 8, cellsNeeding: 4, cellsWithEvidence: 3 } }));
    const cell = run.diff.steps[0]?.cells.find((c) => c.from !== c.to);
    if (cell) cell.flowEvidence = { records: 2, note: 'Dst records also name Allow allow by no policy (1 connection(s))' };
    const md = liveMarkdown(run, [], liveRunStatus(run, ['one', 'two']));
    expect(md).to.match(/\| 3 of 4 \| 8 \| 1 \| 10\.4 s \| 5\.2 s \|/);
    expect(md).to.contain('Notes from the flow logs (1 cell(s)):');
    expect(md).to.contain('Dst records also name Allow allow by no policy');
  });
});
