// The model side of audit-flows: a capture directory (`tierprobe capture --out DIR`): its
// scenario (DIR/scenario.yaml) and the pods map (DIR/pods-map.json, harness/capture/types.ts
// PodsMap): representative "ns/name" -> the real pods "ns/pod" it stands for.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import type { Inventory, PolicySet } from '../model/index.ts';
import { compileScenario, loadScenario, type CompileOptions, type Scenario } from '../scenario/index.ts';
import { inventoryAt } from '../scenario/relabel.ts';

export const podsMapSchema = z.strictObject({
  context: z.string(),
  representatives: z.record(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'a representative is ns/name'), z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'a real pod is ns/pod'))),
  podCIDR: z.array(z.string()).default([]),
  serviceCIDR: z.array(z.string()).default([]),
});
export type PodsMapFile = z.infer<typeof podsMapSchema>;

/** The captured state: the scenario's last step (a capture has one), its labels and policies. */
export interface AuditCapture {
  source: string;
  scenario: Scenario;
  inventory: Inventory;
  policies: PolicySet;
  podsMap: PodsMapFile;
}

export async function loadCaptureDir(dir: string, opts: CompileOptions = {}): Promise<AuditCapture> {
  const scenario = await loadScenario(join(dir, 'scenario.yaml'));
  const mapFile = join(dir, 'pods-map.json');
  let text: string;
  try {
    text = await readFile(mapFile, 'utf8');
  } catch (e) {
    throw new InputError([{ file: mapFile, message: `cannot read the pods map: ${e instanceof Error ? e.message : String(e)} (tierprobe capture writes it beside scenario.yaml)` }], { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError([{ file: mapFile, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }], { cause: e });
  }
  return fromScenario(scenario, parsePodsMap(json, mapFile), dir, opts);
}

export function parsePodsMap(json: unknown, file: string): PodsMapFile {
  const parsed = podsMapSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((i) => ({ file, path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

/** Every representative of the map must be a pod of the scenario. */
export function fromScenario(scenario: Scenario, podsMap: PodsMapFile, source: string, opts: CompileOptions = {}): AuditCapture {
  const compiled = compileScenario(scenario, opts);
  const last = compiled.at(-1);
  if (!last) throw new InputError([{ file: scenario.file, path: 'steps', message: 'a capture has one step, the captured state; this scenario has none' }]);
  const inventory = inventoryAt(scenario.inventory, last.step.labels);
  const pods = new Set(inventory.pods.map((p) => `${p.namespace}/${p.name}`));
  const unknown = Object.keys(podsMap.representatives).filter((r) => !pods.has(r));
  if (unknown.length > 0) {
    throw new InputError(unknown.map((r) => ({ file: join(source, 'pods-map.json'), path: `representatives.${r}`, message: `${r} is no pod of ${scenario.file}` })));
  }
  return { source, scenario, inventory, policies: last.policies, podsMap };
}
