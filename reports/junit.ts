// JUnit XML for CI: per scenario a suite; a test case per step and per mismatching cell.
import { createRequire } from 'node:module';
import type { Builder } from 'junit-report-builder';
import { cellKey, type RunDiff } from '../harness/diff/index.ts';

// The package's type declarations claim an ES default export, but its CommonJS build sets
// module.exports to the builder itself; require() gets that object as the types describe it.
const junitRoot: Builder = createRequire(import.meta.url)('junit-report-builder');

export function renderJUnit(diffs: readonly RunDiff[]): string {
  const builder = junitRoot.newBuilder();
  for (const diff of diffs) {
    const suite = builder.testSuite().name(diff.scenario);
    for (const step of diff.steps) {
      const wrong = step.cells.filter((c) => c.mismatches.length > 0);
      const stepCase = suite.testCase().className(diff.scenario).name(`step: ${step.name}`);
      if (wrong.length > 0) stepCase.failure(`${wrong.length} of ${step.cells.length} cells disagree`, 'mismatch');
      for (const cell of wrong) {
        const message = cell.mismatches.map((m) => `${m.class}: ${m.message}`).join('; ');
        const c = suite.testCase().className(`${diff.scenario}.${step.name}`).name(cellKey(cell));
        c.failure(message, cell.mismatches[0]?.class ?? 'mismatch');
        if (cell.reproduce) c.standardOutput(`reproduce: ${cell.reproduce}`);
      }
    }
  }
  return builder.build();
}
