// `explain --format json`, streamed: the same bytes as JSON.stringify(explainDocument(diff), null, 2),
// written a cell at a time, so a matrix of millions of cells never becomes one string (V8 caps a
// string near 512 MB: "Invalid string length").
import type { RunDiff } from '../harness/diff/index.ts';
import type { Cell, DecidedBy } from '../harness/model/index.ts';

const cellIndent = '        ';
const fieldIndent = `\n${cellIndent}  `;

/**
 * One cell as JSON.stringify(contractCell(c), null, 2) indented to its depth writes it, by hand:
 * the generic stringify with indentation is most of the time at millions of cells. The deciders
 * are few and shared by many cells, so each is written once (by identity).
 */
export function cellWriter(): (c: Cell) => string {
  const deciders = new Map<DecidedBy, string>();
  const decider = (d: DecidedBy | null): string => {
    if (d === null) return 'null';
    let text = deciders.get(d);
    if (text === undefined) {
      text = JSON.stringify(d, null, 2).replaceAll('\n', `\n${cellIndent}  `);
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
  return (c) => {
    let s = `${cellIndent}{${fieldIndent}"from": ${quote(c.from)},${fieldIndent}"to": ${quote(c.to)},`;
    if (c.backend !== undefined) s += `${fieldIndent}"backend": ${quote(c.backend)},`;
    s += `${fieldIndent}"port": ${JSON.stringify(c.port)},`;
    if (c.targetPort !== undefined) s += `${fieldIndent}"targetPort": ${JSON.stringify(c.targetPort)},`;
    s += `${fieldIndent}"protocol": ${quote(c.protocol)},${fieldIndent}"verdict": ${quote(c.verdict)},`;
    if (c.stagedVerdict !== undefined) s += `${fieldIndent}"stagedVerdict": ${JSON.stringify(c.stagedVerdict)},`;
    if (c.promotedVerdict !== undefined) s += `${fieldIndent}"promotedVerdict": ${JSON.stringify(c.promotedVerdict)},`;
    s += `${fieldIndent}"decidedBy": ${decider(c.decidedBy)}`;
    if (c.stagedDecidedBy !== undefined) s += `,${fieldIndent}"stagedDecidedBy": ${decider(c.stagedDecidedBy)}`;
    if (c.unknownBecause !== undefined) s += `,${fieldIndent}"unknownBecause": ${JSON.stringify(c.unknownBecause)}`;
    if (c.dns !== undefined) s += `,${fieldIndent}"dns": ${JSON.stringify(c.dns, null, 2).replaceAll('\n', `\n${cellIndent}  `)}`;
    return `${s}\n${cellIndent}}`;
  };
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

/** Writes the chunks through `write` in pieces of about `bufferBytes`. */
export function streamExplainJson(diff: RunDiff, write: (text: string) => void, bufferBytes = 1 << 20): void {
  let buffer: string[] = [];
  let size = 0;
  for (const chunk of explainJsonChunks(diff)) {
    buffer.push(chunk);
    size += chunk.length;
    if (size >= bufferBytes) {
      write(buffer.join(''));
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length > 0) write(buffer.join(''));
}
