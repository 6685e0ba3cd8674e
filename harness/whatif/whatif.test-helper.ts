// whatif through its real pieces, for the tests of the model and of the renderers: scenario and
// change files loaded from disk, the step picked by name (default: the last).
import { join } from 'node:path';
import { loadScenario } from '../scenario/index.ts';
import { loadChange } from './load-change.ts';
import { loadExpectations } from './load-expect.ts';
import type { WhatifResult } from './types.ts';
import { whatif } from './whatif.ts';

const root = join(import.meta.dirname, '..', '..');
export const libraryScenario = (name: string) => join(root, 'scenarios', name);
export const whatifTestdata = (name: string) => join(import.meta.dirname, 'testdata', name);

export async function whatifOf(scenario: string, changes: string[], opts: { step?: string; expect?: string } = {}): Promise<WhatifResult> {
  const s = await loadScenario(scenario);
  const step = opts.step === undefined ? s.steps.at(-1) : s.steps.find((x) => x.name === opts.step);
  if (!step) throw new Error(`no step ${opts.step ?? '(last)'} in ${scenario}`);
  const change = await loadChange(changes, s, step);
  const expectations = opts.expect === undefined ? undefined : await loadExpectations(opts.expect, s.inventory);
  return whatif(s, step, change, expectations);
}
