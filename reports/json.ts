// JSON documents: the `explain --format json` contract and the live `results.json`.
import type { DiffCell, RunDiff } from '../harness/diff/index.ts';
import type { Cell } from '../harness/model/index.ts';
import { explainJsonChunks } from './explain-json-stream.ts';

/** Exactly SCENARIO-FORMAT.md's explain shape: {scenario, steps: [{name, cells}]}, model fields only. */
export function explainDocument(diff: RunDiff): { scenario: string; steps: { name: string; cells: Cell[] }[] } {
  return { scenario: diff.scenario, steps: diff.steps.map((s) => ({ name: s.name, cells: s.cells.map(contractCell) })) };
}

/** The explain document as explain writes it (explain-json-stream.ts), in one string: for small diffs. */
export function renderExplainJson(diff: RunDiff): string {
  return [...explainJsonChunks(diff)].join('');
}

/** results.json: the explain cells plus expected/observed/logged verdicts, mismatches, and a summary. */
export function renderResultsJson(diff: RunDiff): string {
  const steps = diff.steps.map((s) => ({ name: s.name, cells: s.cells.map(resultCell) }));
  return JSON.stringify({ scenario: diff.scenario, steps, summary: diff.summary }, null, 2) + '\n';
}

export function contractCell(c: Cell): Cell {
  return {
    from: c.from, to: c.to, ...(c.backend === undefined ? {} : { backend: c.backend }),
    port: c.port, ...(c.targetPort === undefined ? {} : { targetPort: c.targetPort }), protocol: c.protocol, verdict: c.verdict,
    ...(c.stagedVerdict === undefined ? {} : { stagedVerdict: c.stagedVerdict }),
    ...(c.promotedVerdict === undefined ? {} : { promotedVerdict: c.promotedVerdict }),
    decidedBy: c.decidedBy,
    ...(c.stagedDecidedBy === undefined ? {} : { stagedDecidedBy: c.stagedDecidedBy }),
    ...(c.unknownBecause === undefined ? {} : { unknownBecause: c.unknownBecause }),
    ...(c.dns === undefined ? {} : { dns: c.dns }),
  };
}

function resultCell(c: DiffCell): object {
  const {
    from: _f, to: _t, backend: _b, port: _p, targetPort: _tp, protocol: _pr, verdict: _v, stagedVerdict: _s, promotedVerdict: _pv,
    decidedBy: _d, stagedDecidedBy: _sd, unknownBecause: _ub, dns: _dns, mismatches, notices, ...rest
  } = c;
  return { ...contractCell(c), ...rest, mismatches, ...(notices.length > 0 ? { notices } : {}) };
}
