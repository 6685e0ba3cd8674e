// Reads what `agent load` writes on stdout (probes/README.md "agent load"): one JSON object a
// line, streamed while the load runs, into one PairLoad per pair. It never throws mid-stream:
// whatever it cannot read becomes a problem, which the caller turns into an EnvironmentError
// (a load it half understood must not become figures).
import { z } from 'zod';
import type { HeldPing, LoadRequest, PairLoad } from './types.ts';

/** Unix epoch microseconds on the source pod's clock. */
const us = z.number().int().nonnegative();
const pairId = z.string().min(1);

const lineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), t: us }),
  z.object({
    type: z.literal('req'), p: pairId, t: us,
    v: z.enum(['connected', 'refused', 'dropped', 'rejected', 'error']),
    ms: z.number().nonnegative().optional(),
  }),
  z.object({ type: z.literal('held-open'), p: pairId, t: us, ok: z.boolean(), detail: z.string().optional() }),
  z.object({ type: z.literal('held'), p: pairId, t: us, ok: z.boolean(), detail: z.string().optional() }),
  z.object({ type: z.literal('pair-done'), p: pairId, started: us, stopped: us, requests: z.number().int().nonnegative(), dropped: z.number().int().nonnegative() }),
  z.object({ type: z.literal('done'), t: us }),
]);

type Line = z.infer<typeof lineSchema>;
type PairLine = Exclude<Line, { type: 'started' | 'done' }>;

/** Beyond this many, problems are counted, not kept: one broken agent can write thousands. */
const keptProblems = 50;
/** How much of an unreadable line a problem quotes. */
const quoted = 120;

interface PairState {
  requests: LoadRequest[];
  held?: { openedUs: number; pings: HeldPing[]; cutUs?: number; cutDetail?: string };
  heldOpenError?: string;
  heldOpenSeen: boolean;
  done?: { startedUs: number; stoppedUs: number; dropped: number };
}

export class LoadOutputReader {
  /** What went wrong, in order; empty when the output was whole and well-formed. */
  readonly problems: string[] = [];
  #startedUs: number | undefined;
  #rest = '';
  #lineNo = 0;
  #moreProblems = 0;
  #doneSeen = false;
  #ended = false;
  #loads: Map<string, PairLoad> | undefined;
  readonly #pairs = new Map<string, PairState>();

  /** pairIds: the ids the load's config gave its pairs; a line naming another is a problem. */
  constructor(pairIds: readonly string[]) {
    for (const id of pairIds) this.#pairs.set(id, { requests: [], heldOpenSeen: false });
  }

  /** The agent's `started` line: its clock when the load began (µs), once it has arrived. */
  get startedUs(): number | undefined {
    return this.#startedUs;
  }

  /** A piece of stdout as it arrives; lines may be split anywhere across chunks. */
  push(chunk: string): void {
    if (this.#ended) return this.#problem('output after the end of the stream');
    const text = this.#rest + chunk;
    const lines = text.split('\n');
    this.#rest = lines.pop() ?? '';
    for (const line of lines) this.#line(line);
  }

  /**
   * The stream ended (the agent exited): a last line without its newline is read, then every
   * pair's load. A pair that never said pair-done is a problem, and is left out of the map.
   * Called again, it returns the same map and adds no problem.
   */
  end(): Map<string, PairLoad> {
    if (this.#loads) return this.#loads;
    this.#ended = true;
    if (this.#rest !== '') this.#line(this.#rest);
    this.#rest = '';
    if (this.#startedUs === undefined) this.#problem('no "started" line');
    if (!this.#doneSeen) this.#problem('no "done" line: the agent stopped before the end of its load');
    const out = new Map<string, PairLoad>();
    for (const [id, s] of this.#pairs) {
      if (!s.done) {
        this.#problem(`pair ${id}: no "pair-done" line`);
        continue;
      }
      // Lines arrive as requests finish; the figures read them in the order they started.
      const requests = [...s.requests].sort((a, b) => a.startUs - b.startUs);
      out.set(id, {
        requests, droppedIterations: s.done.dropped, startedUs: s.done.startedUs, stoppedUs: s.done.stoppedUs,
        ...(s.held ? { held: { ...s.held, pings: [...s.held.pings] } } : {}),
        ...(s.heldOpenError === undefined ? {} : { heldOpenError: s.heldOpenError }),
      });
    }
    if (this.#moreProblems > 0) this.problems.push(`… and ${this.#moreProblems} more problem(s)`);
    this.#loads = out;
    return out;
  }

  #line(raw: string): void {
    this.#lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return this.#problem(`line ${this.#lineNo}: not JSON: ${quote(line)}`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')}: ${issue.message})` : issue ? ` (${issue.message})` : '';
      return this.#problem(`line ${this.#lineNo}: not a load line${where}: ${quote(line)}`);
    }
    const l = parsed.data;
    if (l.type === 'started') {
      if (this.#startedUs !== undefined) return this.#problem(`line ${this.#lineNo}: a second "started" line`);
      this.#startedUs = l.t;
      return;
    }
    if (l.type === 'done') {
      this.#doneSeen = true;
      return;
    }
    const pair = this.#pairs.get(l.p);
    if (!pair) return this.#problem(`line ${this.#lineNo}: unknown pair "${l.p}" (the load has ${[...this.#pairs.keys()].join(', ') || 'none'})`);
    if (pair.done) return this.#problem(`line ${this.#lineNo}: pair ${l.p}: "${l.type}" after its "pair-done"`);
    const trouble = this.#pairLine(pair, l);
    if (trouble) this.#problem(`line ${this.#lineNo}: pair ${l.p}: ${trouble}`);
  }

  /** Applies one pair's line; what is wrong with it, if anything. */
  #pairLine(pair: PairState, l: PairLine): string | undefined {
    switch (l.type) {
      case 'req':
        pair.requests.push({ startUs: l.t, verdict: l.v });
        return undefined;
      case 'held-open':
        if (pair.heldOpenSeen) return 'a second "held-open" line';
        pair.heldOpenSeen = true;
        if (l.ok) pair.held = { openedUs: l.t, pings: [] };
        else pair.heldOpenError = l.detail ?? 'the long-lived connection did not open (no detail)';
        return undefined;
      case 'held': {
        const held = pair.held;
        if (!held) return pair.heldOpenSeen ? 'a "held" ping on a connection that never opened' : 'a "held" ping before "held-open"';
        // The first failed ping ends the pair's pings: the connection is gone.
        if (held.cutUs !== undefined) return 'a "held" ping after the connection was cut';
        held.pings.push({ startUs: l.t, ok: l.ok });
        if (!l.ok) {
          held.cutUs = l.t;
          if (l.detail !== undefined) held.cutDetail = l.detail;
        }
        return undefined;
      }
      case 'pair-done':
        pair.done = { startedUs: l.started, stoppedUs: l.stopped, dropped: l.dropped };
        if (l.stopped < l.started) return `"pair-done" stopped (${l.stopped}) before it started (${l.started})`;
        // Every request the agent counted must have told its verdict, or some lines were lost.
        if (l.requests !== pair.requests.length) return `"pair-done" counts ${l.requests} request(s), ${pair.requests.length} "req" line(s) came`;
        return undefined;
    }
  }

  #problem(text: string): void {
    if (this.problems.length < keptProblems) this.problems.push(text);
    else this.#moreProblems++;
  }
}

function quote(line: string): string {
  return JSON.stringify(line.length > quoted ? `${line.slice(0, quoted)}…` : line);
}
