// JSON documents: the `explain --format json` contract and the live `results.json`.
import type { DiffCell, RunDiff } from '../harness/diff/index.ts';
import type { Cell } from '../harness/model/index.ts';

/** Exactly SCENARIO-FORMAT.md's explain shape: {scenario, steps: [{name, cells}]}, model fields only. */
export function explainDocument(diff: RunDiff): { scenario: string; steps: { name: string; cells: Cell[] }[] } {
  return { scenario: diff.scenario, steps: diff.steps.map((s) => ({ name: s.name, cells: s.cells.map(contractCell) })) };
}

export function renderExplainJson(diff: RunDiff): string {
  return JSON.stringify(explainDocument(diff), null, 2) + '\n';
}

/** results.json: the explain cells plus expected/observed/logged verdicts, mismatches, and a summary. */
export function renderResultsJson(diff: RunDiff): string {
  const steps = diff.steps.map((s) => ({ name: s.name, cells: s.cells.map(resultCell) }));
  return JSON.stringify({ scenario: diff.scenario, steps, summary: diff.summary }, null, 2) + '\n';
}

function contractCell(c: Cell): Cell {
  return {
    from: c.from, to: c.to, port: c.port, protocol: c.protocol, verdict: c.verdict,
    ...(c.stagedVerdict === undefined ? {} : { stagedVerdict: c.stagedVerdict }),
    ...(c.promotedVerdict === undefined ? {} : { promotedVerdict: c.promotedVerdict }),
    decidedBy: c.decidedBy,
    ...(c.stagedDecidedBy === undefined ? {} : { stagedDecidedBy: c.stagedDecidedBy }),
    ...(c.unknownBecause === undefined ? {} : { unknownBecause: c.unknownBecause }),
  };
}

function resultCell(c: DiffCell): object {
  const { from: _f, to: _t, port: _p, protocol: _pr, verdict: _v, stagedVerdict: _s, promotedVerdict: _pv, decidedBy: _d, stagedDecidedBy: _sd, unknownBecause: _ub, mismatches, notices, ...rest } = c;
  return { ...contractCell(c), ...rest, mismatches, ...(notices.length > 0 ? { notices } : {}) };
}
