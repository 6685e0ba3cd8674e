// `explain --format json` pushed a cell at a time (from streamModelDiff): the same bytes as
// explainJsonChunks writes for the whole diff, without the diff ever being held.
import type { DiffCell } from '../harness/diff/index.ts';
import { cellWriter } from './explain-json-stream.ts';

export class ExplainJsonWriter {
  readonly #write: (text: string) => void;
  readonly #bufferBytes: number;
  readonly #stepCount: number;
  readonly #cell = cellWriter();
  #buffer: string[] = [];
  #size = 0;
  #step = 0;
  #cellsInStep = 0;

  readonly #ready: (() => Promise<void> | undefined) | undefined;

  /** stepCount: how many steps will be written (their separators depend on it); ready: see Deps.stdoutReady. */
  constructor(scenario: string, stepCount: number, write: (text: string) => void, bufferBytes = 1 << 20, ready?: () => Promise<void> | undefined) {
    this.#write = write;
    this.#ready = ready;
    this.#bufferBytes = bufferBytes;
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
    if (this.#buffer.length > 0) this.#write(this.#buffer.join(''));
    this.#buffer = [];
    this.#size = 0;
  }

  #push(text: string): void {
    this.#buffer.push(text);
    this.#size += text.length;
    if (this.#size >= this.#bufferBytes) {
      this.#write(this.#buffer.join(''));
      this.#buffer = [];
      this.#size = 0;
    }
  }
}
