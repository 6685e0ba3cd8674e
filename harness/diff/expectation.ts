// Declared expectations (expect, expectStaged, expectPromoted) resolved to a verdict per cell.
import type { Protocol, Verdict } from '../model/index.ts';
import { addressMatches, type Address } from './address.ts';

export interface ExpectRule {
  from: Address;
  to: Address;
  /** Absent: every port. */
  port?: { port: number; protocol: Protocol };
  verdict: Verdict;
}

export interface Expectation {
  /** Absent: cells no rule covers carry no expectation. */
  default?: Verdict;
  /** A later rule overrides an earlier one. */
  rules: ExpectRule[];
}

/** port: a Service cell's is the Service's port (not its targetPort). */
export interface CellKey { from: string; to: string; port: number; protocol: Protocol }

export function ruleCovers(rule: ExpectRule, cell: CellKey): boolean {
  return addressMatches(rule.from, cell.from) && addressMatches(rule.to, cell.to) &&
    (rule.port === undefined || (rule.port.port === cell.port && rule.port.protocol === cell.protocol));
}

/**
 * The declared verdict for one cell: the last rule covering it, else the default.
 * A pod to itself carries none: that traffic never leaves the pod and is always allowed,
 * so `x/* -> x/*: deny` means the other pods.
 */
export function expectedVerdict(expectation: Expectation | undefined, cell: CellKey): Verdict | undefined {
  if (!expectation || cell.from === cell.to) return undefined;
  for (let i = expectation.rules.length - 1; i >= 0; i--) {
    const rule = expectation.rules[i];
    if (rule && ruleCovers(rule, cell)) return rule.verdict;
  }
  return expectation.default;
}
