// tierprobe whatif: load the scenario (or capture the --context cluster, read-only, and load
// that), the change and the --expect file (every problem located, exit 2), evaluate the step
// before and after, render the delta. Exit 1 only when something the --expect file declares
// breaks: flips themselves are what the verb is for, not failures.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { readPodsMap, realReach } from '../../capture/pods-map.ts';
import { loadScenario } from '../../scenario/index.ts';
import type { Scenario, ScenarioStep } from '../../scenario/types.ts';
import { loadChange } from '../../whatif/load-change.ts';
import { loadExpectations } from '../../whatif/load-expect.ts';
import { whatif } from '../../whatif/whatif.ts';
import { renderWhatifDot } from '../../../reports/whatif-dot.ts';
import { whatifJsonChunks } from '../../../reports/whatif-json.ts';
import { renderWhatifTable } from '../../../reports/whatif-table.ts';
import type { Deps } from '../command.ts';
import { compileOptions } from '../shared-options.ts';
import { captureInto } from './capture-into.ts';
import { modelVersionFor } from '../../cluster/model-version.ts';
import type { CalicoVersion } from '../../model/index.ts';
import type { WhatifOptions } from './whatif.ts';

export async function run(options: WhatifOptions, deps: Deps): Promise<ExitCode> {
  // yargs makes a list of a flag given twice; which one counts is not for whatif to guess.
  if (Array.isArray(options.step)) throw new UsageError('--step is given once: whatif changes one state');
  if (Array.isArray(options.expect)) throw new UsageError('--expect is given once: put expect and guardrails in one file');
  if (options.context === undefined) {
    const live: [string, boolean][] = [['namespaces', options.namespaces !== undefined], ['all-namespaces', options.allNamespaces], ['include-system', options.includeSystem],
      ['allow-partial', options.allowPartial], ['capture-out', options.captureOut !== undefined], ['kubeconfig', options.kubeconfig !== undefined]];
    const given = live.filter(([, set]) => set).map(([f]) => f);
    if (given.length > 0) throw new UsageError(`${given.map((f) => `--${f}`).join(', ')} go${given.length === 1 ? 'es' : ''} with --context (whatif against a live cluster)`);
    const [source, ...changes] = options.inputs;
    if (source === undefined || changes.length === 0) throw new UsageError('whatif takes a scenario file or capture directory, then one or more change files (or --context C and change files)');
    // A capture directory (tierprobe capture --out DIR) is its scenario.yaml, with its pods map.
    const file = (await stat(source).catch(() => undefined))?.isDirectory() ? join(source, 'scenario.yaml') : source;
    return predict({ ...options, calicoVersion: options.calicoVersion ?? '3.31' }, await loadScenario(file), changes, deps);
  }
  const dir = options.captureOut ?? await mkdtemp(join(tmpdir(), 'tierprobe-whatif-'));
  try {
    const { capture, scenario } = await captureInto({ ...options, context: options.context }, dir, 'whatif reads everything there to predict (read-only, but it may be production)', deps);
    // The model follows the cluster's Calico (built-in tier names changed in 3.32), as run does.
    const version = modelVersionFor(capture.calicoVersion, options.calicoVersion);
    if (version.warning) deps.stderr(`warning: ${version.warning}\n`);
    return await predict({ ...options, calicoVersion: version.version }, scenario, options.inputs, deps);
  } finally {
    if (options.captureOut === undefined) await rm(dir, { recursive: true, force: true });
  }
}

async function predict(options: WhatifOptions & { calicoVersion: CalicoVersion }, scenario: Scenario, changes: readonly string[], deps: Deps): Promise<ExitCode> {
  const file = scenario.file;
  const step = pickStep(scenario, options.step);
  const change = await loadChange(changes, scenario, step);
  const expectations = options.expect === undefined ? undefined : await loadExpectations(options.expect, scenario.inventory);
  const result = whatif(scenario, step, change, expectations, compileOptions(options, deps));
  if (options.format === 'json') {
    for (const chunk of whatifJsonChunks(result)) {
      deps.stdout(chunk);
      const wait = deps.stdoutReady?.();
      if (wait) await wait;
    }
  } else {
    deps.stdout(options.format === 'dot' ? renderWhatifDot(result) : renderWhatifTable(result));
    const map = options.format === 'table' ? await readPodsMap(join(dirname(file), 'pods-map.json')) : undefined;
    if (map) {
      const enforced = result.delta.flips.filter((f) => f.changed[0] === 'verdict');
      const reach = realReach(enforced, map);
      deps.stdout(`\nthrough pods-map.json (captured from ${map.context}): ${enforced.length} enforced flip(s) stand for ${reach.cells} real cell(s), from ${reach.sources} real pod(s) to ${reach.destinations}\n`);
    }
  }
  const exit = result.broken ? exitCodes.mismatch : exitCodes.ok;
  // The table says what broke; json and dot are for machines, so the person still hears it.
  if (exit !== exitCodes.ok && options.format !== 'table') deps.stderr(`whatif: the change breaks what ${options.expect} declares (see the ${options.format === 'json' ? '"expectBroken" and "guardrails" fields' : 'table format'})\n`);
  return exit;
}

function pickStep(scenario: Scenario, name: string | undefined): ScenarioStep {
  const last = scenario.steps.at(-1);
  if (name === undefined && last) return last;
  const step = scenario.steps.find((s) => s.name === name);
  if (step) return step;
  throw new UsageError(`--step: ${scenario.file} has no step named "${name ?? ''}"; its steps are: ${scenario.steps.map((s) => `"${s.name}"`).join(', ')}`);
}
