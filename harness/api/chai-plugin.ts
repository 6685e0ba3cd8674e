/// <reference types="chai" />
// tierprobe's chai plugin: chai.use(tierprobeChai), then
//   expect(result).to.conformTo(expected)
//   expect(result.step('security')).to.deny('x/*', 'y/*', '80/TCP').and.decidedBy({ tier: 'security' })
//   expect(step).to.allow('x/a', 'external:pub')
// on explainScenario's result (the model, no cluster) or runScenario's (what the probes saw).
// A failure prints the table of the cells that are not as asked (diff-table.ts).
import { expectation as expectationSchema } from '../scenario/schema.ts';
import { expectedVerdict, type Expectation } from '../diff/index.ts';
import { cellQuery, deciderMatches, queried, type DeciderQuery } from './cell-query.ts';
import { diffTable, type Miss } from './diff-table.ts';
import { StepResult, TierprobeResult, type ResultCell } from './result.ts';
import { describeDecision } from '../../reports/glyphs.ts';

/** An `expect:` block as a scenario writes it: `{ default?, rules: [{ from, to, port?, verdict }] }`. */
export interface ExpectBlock {
  default?: 'allow' | 'deny';
  rules?: { from: string; to: string; port?: string; verdict: 'allow' | 'deny' }[];
}

/** What conformTo takes: an expect block, a result or step to equal, or expect blocks by step name. */
export type Conformance = ExpectBlock | TierprobeResult | StepResult | Record<string, ExpectBlock>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      /** Every cell has the verdict `expected` gives it (an expect block, a result, or blocks by step name). */
      conformTo(expected: Conformance): Assertion;
      /** Every cell from -> to (on port, N/PROTO, or every port) is denied. Chain `.and.decidedBy(...)`. */
      deny(from: string, to: string, port?: string): Assertion;
      /** Every cell from -> to (on port, or every port) is allowed. Chain `.and.decidedBy(...)`. */
      allow(from: string, to: string, port?: string): Assertion;
      /** The cells chosen by a preceding deny/allow (else every cell of the step) were decided as given. */
      decidedBy(decider: DeciderQuery): Assertion;
    }
  }
}

const CELLS = 'tierprobe.cells';

export const tierprobeChai: Chai.ChaiPlugin = (chai, utils) => {
  const { Assertion } = chai;

  Assertion.addMethod('conformTo', function (this: Chai.AssertionStatic, expected: Conformance) {
    const subject = subjectOf(this._obj, 'conformTo');
    const { misses, checked } = conformance(subject, expected);
    const what = subject instanceof StepResult ? `step "${subject.name}"` : `${subject.scenario}`;
    if (checked === 0 && !utils.flag(this, 'negate')) {
      throw new chai.AssertionError(`expected ${what} to conform, but the expectation covers none of its cells`);
    }
    this.assert(misses.length === 0,
      `expected ${what} to conform: ${misses.length} of ${checked} checked cell(s) differ\n${diffTable(misses)}`,
      `expected ${what} not to conform, but all ${checked} checked cell(s) do`, expected, undefined, false);
  });

  for (const verdict of ['allow', 'deny'] as const) {
    Assertion.addMethod(verdict, function (this: Chai.AssertionStatic, from: string, to: string, port?: string) {
      const step = stepOf(this._obj, verdict);
      const q = cellQuery(from, to, port);
      const cells = queried(step.cells, q);
      if (cells.length === 0) throw new chai.AssertionError(`expected step "${step.name}" to ${verdict} ${q.text}, but no cell of it matches ${q.text}`);
      utils.flag(this, CELLS, cells);
      const misses: Miss[] = cells.filter((c) => c.verdict !== verdict).map((c) => ({ cell: c, wanted: verdict, got: got(c) }));
      this.assert(misses.length === 0,
        `expected step "${step.name}" to ${verdict} ${q.text}: ${misses.length} of ${cells.length} cell(s) do not\n${diffTable(misses)}`,
        `expected step "${step.name}" not to ${verdict} every cell of ${q.text}, but all ${cells.length} are ${verdict === 'allow' ? 'allowed' : 'denied'}`,
        verdict, undefined, false);
    });
  }

  Assertion.addMethod('decidedBy', function (this: Chai.AssertionStatic, decider: DeciderQuery) {
    if (decider === null || typeof decider !== 'object' || Object.keys(decider).length === 0) {
      throw new TypeError('decidedBy: give what must have decided, e.g. { tier: \'security\' } or { tier: \'security\', policy: \'security.deny-db\' }');
    }
    const chosen = utils.flag(this, CELLS) as ResultCell[] | undefined;
    const step = chosen ? undefined : stepOf(this._obj, 'decidedBy');
    const cells = chosen ?? step?.cells.filter((c) => c.from !== c.to) ?? [];
    const wanted = Object.entries(decider).map(([k, v]) => `${k} ${String(v)}`).join(', ');
    const misses: Miss[] = cells.filter((c) => !deciderMatches(c.decidedBy, decider)).map((c) => ({ cell: c, wanted, got: describeDecision(c.decidedBy, c.model) }));
    this.assert(misses.length === 0,
      `expected ${cells.length} cell(s) to be decided by ${wanted}: ${misses.length} are not\n${diffTable(misses)}`,
      `expected the cells not all to be decided by ${wanted}, but all ${cells.length} are`, decider, undefined, false);
  });
};

function subjectOf(o: unknown, method: string): TierprobeResult | StepResult {
  if (o instanceof TierprobeResult || o instanceof StepResult) return o;
  throw new TypeError(`${method}: expected a tierprobe result (explainScenario, runScenario) or one of its steps, not ${describe(o)}`);
}

function stepOf(o: unknown, method: string): StepResult {
  if (o instanceof StepResult) return o;
  if (o instanceof TierprobeResult) {
    if (o.steps.length === 1 && o.steps[0]) return o.steps[0];
    throw new TypeError(`${method}: ${o.scenario} has ${o.steps.length} steps: assert on one of them, result.step('NAME')`);
  }
  throw new TypeError(`${method}: expected a tierprobe result or one of its steps, not ${describe(o)}`);
}

function describe(o: unknown): string {
  return o === null ? 'null' : typeof o === 'object' ? `an object with keys ${Object.keys(o).slice(0, 5).join(', ') || '(none)'}` : `${typeof o} ${String(o)}`;
}

/** The cells that differ from `expected`, and how many cells it gave a verdict to. */
export function conformance(subject: TierprobeResult | StepResult, expected: Conformance): { misses: Miss[]; checked: number } {
  const steps = subject instanceof StepResult ? [subject] : subject.steps;
  if (expected instanceof TierprobeResult || expected instanceof StepResult) {
    const others = expected instanceof StepResult ? [expected] : expected.steps;
    if (subject instanceof TierprobeResult && expected instanceof TierprobeResult) {
      const names = (s: readonly StepResult[]) => s.map((x) => x.name).join(', ');
      if (names(steps) !== names(others)) throw new TypeError(`conformTo: the steps differ: ${names(steps) || '(none)'} against ${names(others) || '(none)'}`);
    } else if (others.length !== 1 || steps.length !== 1) {
      throw new TypeError('conformTo: compare a result with a result, or a step with a step');
    }
    return merge(steps.map((s, i) => againstResult(s, others[i] as StepResult)));
  }
  if (isExpectBlock(expected)) {
    const e = expectationOf(expected, 'conformTo');
    return merge(steps.map((s) => againstExpectation(s, e)));
  }
  return merge(Object.entries(expected).map(([name, block]) => {
    const step = steps.find((s) => s.name === name);
    if (!step) throw new TypeError(`conformTo: no step named "${name}"; the steps are: ${steps.map((s) => `"${s.name}"`).join(', ')}`);
    return againstExpectation(step, expectationOf(block, `conformTo, step "${name}"`));
  }));
}

function isExpectBlock(o: object): o is ExpectBlock {
  return 'rules' in o || 'default' in o;
}

function expectationOf(block: unknown, where: string): Expectation {
  const parsed = expectationSchema.safeParse(block);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(the block)'}: ${i.message}`).join('; ');
    throw new TypeError(`${where}: not an expect block (${issues})`);
  }
  return parsed.data;
}

function againstExpectation(step: StepResult, e: Expectation): { misses: Miss[]; checked: number; step: string } {
  let checked = 0;
  const misses: Miss[] = [];
  for (const c of step.cells) {
    const want = expectedVerdict(e, c);
    if (want === undefined) continue;
    checked++;
    if (c.verdict !== want) misses.push({ cell: c, wanted: want, got: got(c) });
  }
  return { misses, checked, step: step.name };
}

function againstResult(step: StepResult, other: StepResult): { misses: Miss[]; checked: number; step: string } {
  const key = (c: ResultCell) => `${c.from} -> ${c.to}${c.backend ? ` (${c.backend})` : ''} ${c.port}/${c.protocol}`;
  const theirs = new Map(other.cells.map((c) => [key(c), c]));
  const misses: Miss[] = [];
  let checked = 0;
  for (const c of step.cells) {
    if (c.from === c.to) continue;
    const o = theirs.get(key(c));
    theirs.delete(key(c));
    checked++;
    if (!o) misses.push({ cell: c, wanted: `no such cell in step "${other.name}"`, got: c.verdict ?? 'no verdict' });
    else if (o.verdict !== c.verdict) misses.push({ cell: c, wanted: o.verdict ?? 'no verdict', got: got(c) });
  }
  for (const o of theirs.values()) {
    if (o.from === o.to) continue;
    checked++;
    misses.push({ cell: o, wanted: o.verdict ?? 'no verdict', got: `no such cell in step "${step.name}"` });
  }
  return { misses, checked, step: step.name };
}

/** What a cell has, in a miss's words: its verdict, else why it has none. */
function got(c: ResultCell): string {
  return c.verdict ?? `no verdict (${c.observed ?? 'not probed'})`;
}

function merge(parts: { misses: Miss[]; checked: number; step?: string }[]): { misses: Miss[]; checked: number } {
  const named = parts.length > 1;
  return { misses: parts.flatMap((p) => p.misses.map((m) => (named && p.step !== undefined ? { ...m, step: p.step } : m))), checked: parts.reduce((n, p) => n + p.checked, 0) };
}
