// A scenario's guardrails, checked against its inventory and steps: each names cells of the
// matrix (pods and externals; never none) and the step it holds from.
import { addressMatches, formatAddress } from '../diff/address.ts';
import { ruleCovers, type ExpectRule } from '../diff/expectation.ts';
import type { Inventory } from '../model/index.ts';
import type { Report } from './report.ts';
import type { GuardrailFile } from './schema.ts';
import type { Guardrail, ScenarioStep } from './types.ts';
import { locate } from './yaml-position.ts';
import type { YamlDocument, YamlFile } from './yaml-file.ts';

export function resolveGuardrails(entries: readonly GuardrailFile[], inventory: Inventory, steps: readonly ScenarioStep[], file: string, where: { yaml: YamlFile; doc: YamlDocument }, report: Report): Guardrail[] {
  if (entries.length === 0) return [];
  const names = new Set<string>();
  return entries.flatMap((g, i): Guardrail[] => {
    const at = ['guardrails', i] as const;
    if (names.has(g.name)) report([...at, 'name'], `guardrail ${g.name} is declared twice`);
    names.add(g.name);
    const rule: ExpectRule = { from: g.from, to: g.to, ...(g.port ? { port: g.port } : {}), verdict: g.verdict };
    if (!coversACell(rule, inventory)) {
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

/** Whether the rule covers a cell of the matrix other than a pod to itself; stops at the first. */
function coversACell(rule: ExpectRule, inventory: Inventory): boolean {
  const sources = inventory.pods.map((p) => `${p.namespace}/${p.name}`).filter((a) => addressMatches(rule.from, a));
  if (sources.length === 0) return false;
  const destinations = [
    ...inventory.pods.map((p) => ({ address: `${p.namespace}/${p.name}`, ports: p.ports })),
    ...inventory.externals.map((e) => ({ address: `external:${e.name}`, ports: e.ports })),
  ].filter((d) => addressMatches(rule.to, d.address));
  return destinations.some((d) => sources.some((from) => from !== d.address && d.ports.some((p) => ruleCovers(rule, { from, to: d.address, port: p.port, protocol: p.protocol }))));
}
