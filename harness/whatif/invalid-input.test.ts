import { expect } from 'chai';
import { InputError, type Problem } from '../errors.ts';
import { libraryScenario, whatifOf, whatifTestdata as testdata } from './whatif.test-helper.ts';

/** Every problem of loading and compiling the change against tiered-guardrail's last step, or of the --expect file. */
async function problemsOf(change: string, expectFile?: string): Promise<Problem[]> {
  try {
    await whatifOf(libraryScenario('tiered-guardrail.yaml'), [change], expectFile === undefined ? {} : { expect: expectFile });
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`${change} ${expectFile ?? ''} gave no problem`);
}

const at = (p: Problem) => [p.file.slice(p.file.lastIndexOf('/') + 1), p.line, p.column];

/** [file, every problem as [file name, line, column, message part]]. */
const invalidChanges: [string, [string, number, number, string][]][] = [
  ['invalid-unknown-kind.yaml', [['invalid-unknown-kind.yaml', 2, 7, 'the model does not evaluate projectcalico.org/v3 GlobalNetworkPolcy']]],
  ['invalid-delete-not-alive.yaml', [['invalid-delete-not-alive.yaml', 5, 5, 'cannot delete NetworkPolicy allow-all-ingress: no earlier step applied it (give namespace']]],
  ['invalid-selector.yaml', [['invalid-selector.yaml', 8, 13, 'invalid selector "app == \'api": unterminated string']]],
  ['invalid-inline-selector.yaml', [['invalid-inline-selector.yaml', 11, 19, 'invalid selector "all(": no closing \')\'']]],
  ['invalid-mixed.yaml', [['invalid-mixed.yaml', 5, 1, 'a change file holds one Change document or policy documents, not both']]],
  ['invalid-change-fields.yaml', [
    ['invalid-change-fields.yaml', 3, 1, 'unknown field "applies"'],
    ['invalid-change-fields.yaml', 6, 5, 'missing required field "name"'],
  ]],
  ['invalid-scenario-as-change.yaml', [['invalid-scenario-as-change.yaml', 2, 7, 'must be Change']]],
  ['invalid-namespace.yaml', [
    ['invalid-namespace.yaml', 5, 14, 'namespace "nowhere" is not one of the scenario\'s namespaces (payments, frontend, tools)'],
    ['invalid-namespace.yaml', 12, 9, 'Tier default is one of Calico\'s built-in tiers'],
  ]],
  ['invalid-applied-twice.yaml', [['invalid-applied-twice.yaml', 6, 1, 'NetworkPolicy payments/twice is applied twice in the change (first at']]],
  ['invalid-apply-file.yaml', [['invalid-apply-file.yaml', 4, 11, 'no-such-policy.yaml: file not found']]],
  // The policy the change leaves broken is where Calico would refuse it: the scenario's own file.
  ['invalid-delete-tier.yaml', [['security-tier.yaml', 15, 9, 'resource does not exist: Tier(security)']]],
  ['invalid-empty.yaml', [['invalid-empty.yaml', 1, 1, 'holds no YAML document']]],
  ['no-such-change.yaml', [['no-such-change.yaml', NaN, NaN, 'file not found']]],
];

const invalidExpectations: [string, [string, number, number, string][]][] = [
  ['invalid-expect-nothing.yaml', [['invalid-expect-nothing.yaml', 1, 1, 'an --expect file declares expect (default and rules), guardrails, or both']]],
  ['invalid-expect-since.yaml', [
    ['invalid-expect-since.yaml', 2, 97, 'since is not allowed here'],
    ['invalid-expect-since.yaml', 3, 1, 'unknown field "expected"'],
  ]],
  ['invalid-expect-targets.yaml', [
    ['invalid-expect-targets.yaml', 4, 29, 'unknown namespace "billing" in billing/*'],
    ['invalid-expect-targets.yaml', 5, 49, 'no destination matching payments/* serves 443/TCP'],
    ['invalid-expect-targets.yaml', 7, 5, 'guardrail none names no cell'],
    ['invalid-expect-targets.yaml', 8, 12, 'guardrail none is declared twice'],
  ]],
];

describe('whatif: bad input is told at its file, line and column', () => {
  for (const [file, want] of invalidChanges) {
    it(`change ${file}`, async () => {
      const problems = await problemsOf(testdata(file));
      expect(problems.map(at)).to.deep.equal(want.map(([f, line, column]) => [f, Number.isNaN(line) ? undefined : line, Number.isNaN(column) ? undefined : column]));
      want.forEach(([, , , message], i) => expect(problems[i]?.message).to.contain(message));
    });
  }

  for (const [file, want] of invalidExpectations) {
    it(`--expect ${file}`, async () => {
      const problems = await problemsOf(testdata('frontend-allow-ingress.yaml'), testdata(file));
      expect(problems.map(at)).to.deep.equal(want.map(([f, line, column]) => [f, line, column]));
      want.forEach(([, , , message], i) => expect(problems[i]?.message).to.contain(message));
    });
  }
});
