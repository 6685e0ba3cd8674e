// `explain --format json` pushed a cell at a time (from streamModelDiff): the same bytes as
// explainJsonChunks writes for the whole diff, without the diff ever being held. It hands on
// UTF-8 bytes (ByteSink), each chunk whole characters.
import type { DiffCell } from '../harness/diff/index.ts';
import { ByteSink } from './byte-sink.ts';
import { cellWriter } from './explain-json-stream.ts';

export class ExplainJsonWriter {
  readonly #sink: ByteSink;
  readonly #stepCount: number;
  readonly #cell = cellWriter();
  #step = 0;
  #cellsInStep = 0;

  readonly #ready: (() => Promise<void> | undefined) | undefined;

  /** stepCount: how many steps will be written (their separators depend on it); ready: see Deps.stdoutReady. */
  constructor(scenario: string, stepCount: number, write: (bytes: Uint8Array) => void, bufferBytes = 1 << 20, ready?: () => Promise<void> | undefined) {
    this.#sink = new ByteSink(write, bufferBytes);
    this.#ready = ready;
    this.#stepCount = stepCount;
    this.#push(`{\n  "scenario": ${JSON.stringify(scenario)},\n  "steps": ${stepCount === 0 ? '[]\n}\n' : '[\n'}`);
  }

  ready(): Promise<void> | undefined {
    return this.#ready?.();
  }

  beginStep(name: string): void {
    this.#cellsInStep = 0;
    this.#push(`    {\n      "name": ${JSON.stringify(name)},\n      "cells": `);
  }

  cell(c: DiffCell): void {
    this.#push((this.#cellsInStep++ === 0 ? '[\n' : ',\n') + this.#cell(c));
  }

  endStep(): void {
    this.#push(this.#cellsInStep === 0 ? '[]' : '\n      ]');
    this.#push(`\n    }${++this.#step < this.#stepCount ? ',' : ''}\n`);
  }

  /** Writes what is left; the document is complete after it. */
  end(): void {
    if (this.#stepCount > 0) this.#push('  ]\n}\n');
    this.#sink.flush();
  }

  #push(text: string): void {
    this.#sink.text(text);
  }
}
