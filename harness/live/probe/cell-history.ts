// What one cell showed over the rounds of a step, and what that says: converged when, flaky or not.
import { observedVerdict, type Observed } from '../../diff/index.ts';
import type { Verdict } from '../../model/index.ts';
import type { Sample } from './probe-round.ts';

export interface Look extends Sample { at: number }

export class CellHistory {
  readonly model: Verdict;
  readonly looks: Look[] = [];
  /** Start of the first round of the current run of matching looks. */
  private matchingSince: number | undefined;
  private everMatched = false;
  /** It matched the model, then stopped matching: the dataplane changed its mind. */
  flaky = false;

  constructor(model: Verdict) {
    this.model = model;
  }

  add(look: Look): void {
    this.looks.push(look);
    // An error says nothing about the dataplane: it neither matches nor breaks a match.
    if (look.observed === 'error') return;
    if (this.matches(look.observed)) {
      this.matchingSince ??= look.at;
      this.everMatched = true;
    } else {
      if (this.everMatched) this.flaky = true;
      this.matchingSince = undefined;
    }
  }

  matches(o: Observed): boolean {
    return observedVerdict(o) === this.model;
  }

  /** Matches the model now: the last look agreed (a failed last look is not agreement). */
  get matching(): boolean {
    return this.matchingSince !== undefined && this.last()?.observed !== 'error';
  }

  /** When the cell started to match for good (undefined while it does not match, or flaky, or the last look failed). */
  convergedAt(): number | undefined {
    return this.flaky || this.last()?.observed === 'error' ? undefined : this.matchingSince;
  }

  last(): Look | undefined {
    return this.looks[this.looks.length - 1];
  }

  /** e.g. "dropped@12ms connected@1210ms": the record of a flaky or unconverged cell. */
  describe(since: number): string {
    return this.looks.map((l) => `${l.observed}@${Math.round(l.at - since)}ms`).join(' ');
  }
}
