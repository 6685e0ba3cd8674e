// tierprobe explain FILE [--step NAME] [--format table|json] [--why]: the model's matrix per step. The implementation, loaded only when the verb runs.
import type { ExplainOptions } from './explain.ts';
import { exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { buildRunDiff, hasMismatch, summarize, withGuardrailFindings, type RunDiff } from '../../diff/index.ts';
import { modelFindings } from '../../guardrails/findings.ts';
import { loadScenario, stepInputs } from '../../scenario/index.ts';
import { streamModelDiff, type StreamedDiff } from '../../scenario/stream-diff.ts';
import { serviceNotes } from '../../scenario/services.ts';
import type { Inventory } from '../../model/index.ts';
import { selectedPods } from '../../model/services/backends.ts';
import { plannedTraffic } from '../../traffic/planned-traffic.ts';
import { renderTerminal } from '../../../reports/index.ts';
import { ExplainJsonWriter } from '../../../reports/explain-json-writer.ts';
import { TerminalSummary } from '../../../reports/terminal-summary.ts';
import type { Deps } from '../command.ts';
import { intentReport } from '../intent-report.ts';
import { scenarioGuardrails } from '../../guardrails/scenario-proofs.ts';
import { renderGuardrails } from '../../../reports/guardrails-text.ts';
import { compileOptions } from '../shared-options.ts';


/** Past this many cells in a step, the table gives way to counts (terminal-summary.ts). */
export const TABLE_CELL_LIMIT = 40_000;

export async function run(options: ExplainOptions, deps: Deps): Promise<ExitCode> {
  const scenario = await loadScenario(options.file);
  const names = scenario.steps.map((s) => s.name);
  if (options.step !== undefined && !names.includes(options.step)) {
    throw new UsageError(`${options.file} has no step named "${options.step}"; its steps are: ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  const opts = compileOptions(options, deps);
  const shownSteps = options.step === undefined ? scenario.steps.length : 1;
  if (options.format === 'json') {
    // Streamed from the model: millions of cells are never held, nor one string.
    const bytes = deps.stdoutBytes ?? ((b: Uint8Array) => deps.stdout(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8')));
    const writer = new ExplainJsonWriter(scenario.name, shownSteps, bytes, undefined, deps.stdoutReady);
    const streamed = await streamModelDiff(scenario, opts, writer, options.step);
    writer.end();
    return reportIntent(scenario.name, streamed, deps);
  }
  const cells = cellsPerStep(scenario.inventory);
  if (cells > TABLE_CELL_LIMIT) {
    const summary = new TerminalSummary(scenario.name, scenario.steps.length, `${cells.toLocaleString('en-US')} cells per step, more than ${TABLE_CELL_LIMIT.toLocaleString('en-US')}`);
    const streamed = await streamModelDiff(scenario, opts, summary, options.step);
    const numbers = options.step === undefined ? undefined : [names.indexOf(options.step) + 1];
    deps.stdout(summary.render(streamed, numbers));
    return streamed.summary.mismatchingCells > 0 ? exitCodes.mismatch : exitCodes.ok;
  }
  const inputs = stepInputs(scenario, opts);
  const checks = scenarioGuardrails(scenario, opts);
  const full = withGuardrailFindings(buildRunDiff(scenario.name, inputs), modelFindings(checks));
  const diff = onlyStep(full, options.step);
  // The whole run, so the step keeps its number and its change count against the one before.
  const planned = plannedTraffic(inputs.map((input, i) => ({ ...input, traffic: scenario.steps[i]?.traffic })));
  deps.stdout(renderTerminal(full, { why: options.why, plannedTraffic: planned, serviceNotes: serviceNotes(scenario), ...(options.step === undefined ? {} : { step: options.step }) }));
  const guardrails = checks.filter((c) => options.step === undefined || c.step === options.step);
  if (guardrails.length > 0) deps.stdout(`\n${renderGuardrails(guardrails)}`);
  return hasMismatch(diff) || guardrails.some((g) => !g.held) ? exitCodes.mismatch : exitCodes.ok;
}

/** Sources x every destination port: the cells of each step. */
function cellsPerStep(inventory: Inventory): number {
  const ports = inventory.pods.reduce((n, p) => n + p.ports.length, 0) + inventory.externals.reduce((n, e) => n + e.ports.length, 0);
  // A Service cell per source, Service port and backend (at most every selected pod).
  const services = (inventory.services ?? []).reduce((n, s) => n + s.ports.length * selectedPods(inventory, s).length, 0);
  return inventory.pods.length * (ports + services);
}

function reportIntent(scenario: string, streamed: StreamedDiff, deps: Deps): ExitCode {
  if (streamed.summary.mismatchingCells === 0) return exitCodes.ok;
  const diff: RunDiff = { scenario, steps: streamed.mismatching.map((m) => ({ name: m.step, cells: m.cells, staged: false })), summary: streamed.summary };
  deps.stderr(`the model disagrees with the declared intent:\n${intentReport(diff)}`);
  return exitCodes.mismatch;
}

function onlyStep(diff: RunDiff, name: string | undefined): RunDiff {
  if (name === undefined) return diff;
  const steps = diff.steps.filter((s) => s.name === name);
  return { ...diff, steps, summary: summarize(steps) };
}
