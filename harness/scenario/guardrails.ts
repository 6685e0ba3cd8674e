// A scenario's guardrails, checked against its inventory and steps: each names cells of the
// matrix (pods and externals; never none) and the step it holds from.
import { formatAddress } from '../diff/address.ts';
import { ruleCovers, type ExpectRule } from '../diff/expectation.ts';
import type { Inventory } from '../model/index.ts';
import type { Report } from './report.ts';
import type { GuardrailFile } from './schema.ts';
import { inventoryCells } from './traffic-entries.ts';
import type { Guardrail, ScenarioStep } from './types.ts';
import { locate } from './yaml-position.ts';
import type { YamlDocument, YamlFile } from './yaml-file.ts';

export function resolveGuardrails(entries: readonly GuardrailFile[], inventory: Inventory, steps: readonly ScenarioStep[], file: string, where: { yaml: YamlFile; doc: YamlDocument }, report: Report): Guardrail[] {
  const cells = inventoryCells(inventory).filter((c) => c.from !== c.to);
  const names = new Set<string>();
  return entries.flatMap((g, i): Guardrail[] => {
    const at = ['guardrails', i] as const;
    if (names.has(g.name)) report([...at, 'name'], `guardrail ${g.name} is declared twice`);
    names.add(g.name);
    const rule: ExpectRule = { from: g.from, to: g.to, ...(g.port ? { port: g.port } : {}), verdict: g.verdict };
    const covered = cells.filter((c) => ruleCovers(rule, c)).length;
    if (covered === 0) {
      report([...at], `guardrail ${g.name} names no cell: no pod of the scenario matches ${describe(g)} (a pod to itself is never one)`);
      return [];
    }
    const since = g.since === undefined ? 0 : steps.findIndex((s) => s.name === g.since);
    if (since < 0) {
      report([...at, 'since'], `guardrail ${g.name}: no step is named "${g.since}"; the steps are ${steps.map((s) => JSON.stringify(s.name)).join(', ')}`);
      return [];
    }
    const { line, column } = locate(where.doc.node, where.yaml.lineCounter, [...at]);
    return [{ name: g.name, rule, since, location: { file, line, column } }];
  });
}

function describe(g: GuardrailFile): string {
  return `${formatAddress(g.from)} -> ${formatAddress(g.to)}${g.port ? ` ${g.port.port}/${g.port.protocol}` : ''}`;
}
