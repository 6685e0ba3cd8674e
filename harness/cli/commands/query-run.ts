// tierprobe query SCENARIO --from ns/pod --to ns/pod|external:NAME|svc:NS/NAME --port N/PROTO [--step NAME]
// [--format text|json]: one connection walked through every tier, per step (a Service: per backend). Offline, read-only. The implementation, loaded only when the verb runs.
import type { QueryOptions } from './query.ts';
import { exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { noBackendReason, serviceAddress, serviceBackends, walkthrough, type Inventory, type PolicySet, type WalkthroughQuery } from '../../model/index.ts';
import { compileScenario, loadScenario } from '../../scenario/index.ts';
import { inventoryAt } from '../../scenario/relabel.ts';
import { renderQueryText, type QueryReport, type QueryStep } from '../../../reports/query-text.ts';
import type { Deps } from '../command.ts';
import { compileOptions } from '../shared-options.ts';
import { parseQuery } from './query-args.ts';


export async function run(options: QueryOptions, deps: Deps): Promise<ExitCode> {
  const scenario = await loadScenario(options.file);
  const names = scenario.steps.map((s) => s.name);
  if (options.step !== undefined && !names.includes(options.step)) {
    throw new UsageError(`--step: ${options.file} has no step named "${options.step}"; its steps are: ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  const query = parseQuery(options, scenario.inventory, options.file);
  const compiled = compileScenario(scenario, compileOptions(options, deps));
  const report: QueryReport = {
    scenario: scenario.name,
    totalSteps: compiled.length,
    steps: compiled.flatMap(({ step, policies }, index) => (options.step === undefined || step.name === options.step
      ? walks(inventoryAt(scenario.inventory, step.labels), policies, query).map((w) => ({ index, name: step.name, ...w }))
      : [])),
  };
  if (options.format === 'json') {
    const doc = { scenario: report.scenario, ...query, steps: report.steps.map(jsonStep) };
    deps.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    deps.stdout(renderQueryText(report));
  }
  return exitCodes.ok;
}

/** A pod or external: one walk. A Service: one per backend at that step (after DNAT), or a note that it has none. */
function walks(inventory: Inventory, policies: PolicySet, query: WalkthroughQuery): Omit<QueryStep, 'index' | 'name'>[] {
  const service = (inventory.services ?? []).find((s) => serviceAddress(s) === query.to);
  if (!service) return [{ walk: walkthrough(inventory, policies, query) }];
  const backends = serviceBackends(inventory, service).find((p) => p.port.port === query.port && p.port.protocol === query.protocol)?.backends ?? [];
  if (backends.length === 0) {
    return [{ note: noBackendReason(inventory, service) ?? `${query.to} has no backend for ${query.port}/${query.protocol} at this step: no pod it selects defines its targetPort` }];
  }
  return backends.map((b) => ({ walk: walkthrough(inventory, policies, { ...query, backend: b.address }) }));
}

function jsonStep(s: QueryStep) {
  if (!s.walk) return { name: s.name, note: s.note, modes: [] };
  const service = s.walk.backend === undefined ? {} : { backend: s.walk.backend, targetPort: s.walk.targetPort, hairpin: s.walk.hairpin };
  return { name: s.name, ...service, self: s.walk.self, modes: s.walk.modes };
}
