// JUnit XML for CI: per scenario a suite; a test case per step and per mismatching cell.
// A run that failed or stopped early has a failing `run` case first, and its steps not
// observed to the end are there as skipped cases, so CI neither passes it nor loses them.
import { createRequire } from 'node:module';
import type { Builder } from 'junit-report-builder';
import { cellKey, type RunDiff } from '../harness/diff/index.ts';
import { completeStatus, statusHeadline, type RunStatus } from './run-status.ts';
import { trafficLine } from './traffic-text.ts';

// The package's type declarations claim an ES default export, but its CommonJS build sets
// module.exports to the builder itself; require() gets that object as the types describe it.
const junitRoot: Builder = createRequire(import.meta.url)('junit-report-builder');

/** status: how the run ended (default: complete, as offline). */
export interface JUnitRun { diff: RunDiff; status?: RunStatus }

export function renderJUnit(runs: readonly JUnitRun[]): string {
  const builder = junitRoot.newBuilder();
  for (const { diff, status = completeStatus(diff.steps.length) } of runs) {
    const suite = builder.testSuite().name(diff.scenario);
    const headline = statusHeadline(status);
    if (headline !== undefined) suite.testCase().className(diff.scenario).name('run').failure(headline, status.state);
    diff.steps.forEach((step, i) => {
      const wrong = step.cells.filter((c) => c.mismatches.length > 0);
      const stepCase = suite.testCase().className(diff.scenario).name(`step: ${step.name}`);
      if (wrong.length > 0) stepCase.failure(`${wrong.length} of ${step.cells.length} cells disagree`, 'mismatch');
      else if (i >= status.observedSteps) stepCase.skipped().standardOutput(`not observed to the end: the run is ${status.state}`);
      for (const cell of wrong) {
        const message = cell.mismatches.map((m) => `${m.class}: ${m.message}`).join('; ');
        const c = suite.testCase().className(`${diff.scenario}.${step.name}`).name(cellKey(cell));
        c.failure(message, cell.mismatches[0]?.class ?? 'mismatch');
        const output = [
          ...(cell.traffic ? [`traffic under change: ${trafficLine(cell.traffic)}`, ...cell.traffic.warnings.map((w) => `warning: ${w}`)] : []),
          ...(cell.reproduce ? [`reproduce: ${cell.reproduce}`] : []),
        ];
        if (output.length > 0) c.standardOutput(output.join('\n'));
      }
    });
    for (const name of status.notReached) {
      suite.testCase().className(diff.scenario).name(`step: ${name}`).skipped().standardOutput(`not observed: the run is ${status.state}`);
    }
  }
  return builder.build();
}
