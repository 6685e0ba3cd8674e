// `explain --format json`, streamed: one JSON document (explainDocument(diff)), indented, with a
// cell per line, written a cell at a time, so a matrix of millions of cells never becomes one
// string (V8 caps a string near 512 MB: "Invalid string length").
import type { RunDiff } from '../harness/diff/index.ts';
import type { Cell, DecidedBy } from '../harness/model/index.ts';

const cellIndent = '        ';

/**
 * One cell on one line, compact, in the contract's field order (contractCell in json.ts): a
 * matrix of millions is half the bytes of an indented one, and a cell per line reads and greps
 * well. Written by hand: the generic stringify is most of the time at millions of cells. The
 * deciders are few and shared by many cells, so each is written once (by identity).
 */
export function cellWriter(): (c: Cell) => string {
  const parts = cellParts();
  // A row's cells share their source: its opening is made once a row, not once a cell.
  let lastFrom = '';
  let opening = '';
  return (c) => {
    if (c.from !== lastFrom || opening === '') {
      lastFrom = c.from;
      opening = parts.opening(c.from);
    }
    return opening + parts.tail(c);
  };
}

/** A cell's line in two parts: its opening (indent, from, up to "to":) and the rest (tail). */
interface CellParts {
  opening(from: string): string;
  tail(c: Cell): string;
}

function cellParts(): CellParts {
  const deciders = new Map<DecidedBy, string>();
  const decider = (d: DecidedBy | null): string => {
    if (d === null) return 'null';
    let text = deciders.get(d);
    if (text === undefined) {
      text = JSON.stringify(d);
      // A model that copied its deciders per cell would make this a second matrix: bounded.
      if (deciders.size < 100_000) deciders.set(d, text);
    }
    return text;
  };
  // Endpoints repeat across a matrix (N pods, N² cells): each is quoted once.
  const quoted = new Map<string, string>();
  const quote = (text: string): string => {
    let q = quoted.get(text);
    if (q === undefined) {
      q = JSON.stringify(text);
      if (quoted.size < 100_000) quoted.set(text, q);
    }
    return q;
  };
  return {
    opening: (from) => `${cellIndent}{"from":${quote(from)},"to":`,
    tail: (c) => {
      let s = `${quote(c.to)},`;
      if (c.backend !== undefined) s += `"backend":${quote(c.backend)},`;
      s += `"port":${c.port},`;
      if (c.targetPort !== undefined) s += `"targetPort":${c.targetPort},`;
      s += `"protocol":${quote(c.protocol)},"verdict":${verdictText(c.verdict)},`;
      if (c.stagedVerdict !== undefined) s += `"stagedVerdict":${quote(c.stagedVerdict)},`;
      if (c.promotedVerdict !== undefined) s += `"promotedVerdict":${quote(c.promotedVerdict)},`;
      s += `"decidedBy":${decider(c.decidedBy)}`;
      if (c.stagedDecidedBy !== undefined) s += `,"stagedDecidedBy":${decider(c.stagedDecidedBy)}`;
      if (c.unknownBecause !== undefined) s += `,"unknownBecause":${JSON.stringify(c.unknownBecause)}`;
      if (c.dns !== undefined) s += `,"dns":${JSON.stringify(c.dns)}`;
      return `${s}}`;
    },
  };
}

/** The three verdicts as JSON without a lookup; anything else quoted. */
function verdictText(v: string): string {
  return v === 'allow' ? '"allow"' : v === 'deny' ? '"deny"' : JSON.stringify(v);
}

/** The document in pieces, in order; their concatenation is renderExplainJson's output. */
export function* explainJsonChunks(diff: RunDiff): Generator<string> {
  yield `{\n  "scenario": ${JSON.stringify(diff.scenario)},\n  "steps": `;
  if (diff.steps.length === 0) {
    yield '[]\n}\n';
    return;
  }
  yield '[\n';
  const cell = cellWriter();
  for (const [i, step] of diff.steps.entries()) {
    yield `    {\n      "name": ${JSON.stringify(step.name)},\n      "cells": `;
    if (step.cells.length === 0) yield '[]';
    else {
      yield '[\n';
      const last = step.cells.length - 1;
      for (const [j, c] of step.cells.entries()) {
        yield cell(c) + (j < last ? ',\n' : '\n');
      }
      yield '      ]';
    }
    yield `\n    }${i < diff.steps.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}
