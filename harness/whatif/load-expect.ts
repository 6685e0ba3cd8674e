// Reads an --expect file and checks it against the scenario's inventory with the scenario loader's
// own checks: every rule names existing pods, externals and Services and matches a probe
// (rule-coverage.ts), every guardrail names cells and is named once (guardrails.ts).
import { InputError, type Problem } from '../errors.ts';
import type { Inventory } from '../model/index.ts';
import { resolveGuardrails } from '../scenario/guardrails.ts';
import { reporter } from '../scenario/report.ts';
import { checkRule } from '../scenario/rule-coverage.ts';
import { schemaProblems } from '../scenario/schema-problems.ts';
import { readTextFile } from '../scenario/text-file.ts';
import { parseYaml } from '../scenario/yaml-file.ts';
import { locate } from '../scenario/yaml-position.ts';
import { expectFileSchema } from './expect-schema.ts';
import type { WhatifExpectations } from './types.ts';

/** Throws InputError listing every problem. */
export async function loadExpectations(file: string, inventory: Inventory): Promise<WhatifExpectations> {
  const yaml = parseYaml(file, await readTextFile(file));
  if (yaml.problems.length > 0) throw new InputError(yaml.problems);
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  const doc = docs[0];
  if (!doc) throw new InputError([{ file, line: 1, column: 1, message: 'file is empty: an --expect file declares expect (default and rules), guardrails, or both' }]);
  const second = docs[1];
  if (second) {
    const { line, col } = yaml.lineCounter.linePos(second.node.range[0]);
    throw new InputError([{ file, line, column: col, message: 'an --expect file holds exactly one YAML document' }]);
  }
  const parsed = expectFileSchema.safeParse(doc.value, { reportInput: true });
  if (!parsed.success) throw new InputError(schemaProblems(yaml, doc, parsed.error.issues));
  const problems: Problem[] = [];
  const report = reporter(yaml, doc, problems);
  const { expect, guardrails = [] } = parsed.data;
  expect?.rules.forEach((rule, i) => checkRule(inventory, rule, ['expect', 'rules', i], report));
  // No steps: without `since` (the schema refuses it) every guardrail holds from the first, the only state.
  const resolved = resolveGuardrails(guardrails, inventory, [], file, { yaml, doc }, report);
  if (problems.length > 0) throw new InputError(problems);
  const ruleLocations = (expect?.rules ?? []).map((_, i) => ({ file, ...locate(doc.node, yaml.lineCounter, ['expect', 'rules', i]) }));
  return {
    file, ruleLocations, guardrails: resolved,
    ...(expect ? { expect: { ...(expect.default === undefined ? {} : { default: expect.default }), rules: expect.rules } } : {}),
  };
}
