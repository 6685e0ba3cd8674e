// `explain --format json`, streamed: the same bytes as JSON.stringify(explainDocument(diff), null, 2),
// written a cell at a time, so a matrix of millions of cells never becomes one string (V8 caps a
// string near 512 MB: "Invalid string length").
import type { RunDiff } from '../harness/diff/index.ts';
import { contractCell } from './json.ts';

const cellIndent = '        ';

/** The document in pieces, in order; their concatenation is renderExplainJson's output. */
export function* explainJsonChunks(diff: RunDiff): Generator<string> {
  yield `{\n  "scenario": ${JSON.stringify(diff.scenario)},\n  "steps": `;
  if (diff.steps.length === 0) {
    yield '[]\n}\n';
    return;
  }
  yield '[\n';
  for (const [i, step] of diff.steps.entries()) {
    yield `    {\n      "name": ${JSON.stringify(step.name)},\n      "cells": `;
    if (step.cells.length === 0) yield '[]';
    else {
      yield '[\n';
      const last = step.cells.length - 1;
      for (const [j, cell] of step.cells.entries()) {
        yield cellIndent + JSON.stringify(contractCell(cell), null, 2).replaceAll('\n', `\n${cellIndent}`) + (j < last ? ',\n' : '\n');
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
