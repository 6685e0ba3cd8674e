// explain --format json's cell lines as bytes, for the streamed writer. At 4M cells the text of a
// line cost about as much as the model did: concatenated, then encoded to UTF-8, a cell at a
// time. A column (destination, port) mostly says the same thing row after row (the sources of a
// namespace are alike), so each column keeps the bytes of its last tail and reuses them while
// every field from "to" on is the same (deciders by identity, as cellParts writes them once).
// The bytes are exactly cellWriter's text, encoded (explain-json-cell-bytes.test.ts).
import type { Cell, DecidedBy } from '../harness/model/index.ts';
import { cellParts } from './explain-json-stream.ts';

interface Slot {
  to: string;
  port: number;
  protocol: string;
  backend: string | undefined;
  targetPort: number | undefined;
  verdict: string;
  stagedVerdict: string | undefined;
  promotedVerdict: string | undefined;
  decidedBy: DecidedBy | null;
  stagedDecidedBy: DecidedBy | null | undefined;
  unknownBecause: string | undefined;
  bytes: Buffer;
}

/** Columns kept at most: a row wider than this still writes, its further cells only stop reusing. */
const maxColumns = 200_000;

export class CellBytes {
  readonly #parts = cellParts();
  readonly #slots: (Slot | undefined)[] = [];
  #tailFrom: string | undefined;
  #place = 0;
  #lastFrom: string | undefined;
  #opening = Buffer.alloc(0);
  #nextOpening = Buffer.alloc(0);

  /** The line's opening: indent, from, up to "to":; after a cell, with its ",\n" first. */
  opening(from: string, first: boolean): Buffer {
    if (from !== this.#lastFrom) {
      this.#lastFrom = from;
      const text = this.#parts.opening(from);
      this.#opening = Buffer.from(text);
      this.#nextOpening = Buffer.from(`,\n${text}`);
    }
    return first ? this.#opening : this.#nextOpening;
  }

  /** The rest of the line, from the destination to the closing brace. */
  tail(c: Cell): Buffer {
    // A row's cells come in the same order every row (destinations, then their ports), so a
    // column is its place in the row; a slot that names another cell is simply replaced.
    if (c.from !== this.#tailFrom) {
      this.#tailFrom = c.from;
      this.#place = 0;
    }
    const place = this.#place++;
    if (c.dns !== undefined) return Buffer.from(this.#parts.tail(c));
    const slot = this.#slots[place];
    if (slot !== undefined && slot.to === c.to && slot.port === c.port && slot.protocol === c.protocol && slot.decidedBy === c.decidedBy
      && slot.verdict === c.verdict && slot.backend === c.backend && slot.targetPort === c.targetPort && slot.stagedDecidedBy === c.stagedDecidedBy
      && slot.stagedVerdict === c.stagedVerdict && slot.promotedVerdict === c.promotedVerdict && slot.unknownBecause === c.unknownBecause) {
      return slot.bytes;
    }
    const bytes = Buffer.from(this.#parts.tail(c));
    if (place < maxColumns) {
      this.#slots[place] = {
        to: c.to, port: c.port, protocol: c.protocol, backend: c.backend, targetPort: c.targetPort, verdict: c.verdict, stagedVerdict: c.stagedVerdict,
        promotedVerdict: c.promotedVerdict, decidedBy: c.decidedBy, stagedDecidedBy: c.stagedDecidedBy, unknownBecause: c.unknownBecause, bytes,
      };
    }
    return bytes;
  }
}
