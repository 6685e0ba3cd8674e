// A Capture on disk: DIR/scenario.yaml, DIR/policies/*.yaml, DIR/pods-map.json, DIR/capture.json
// (present objects, unreadable objects, notes) and DIR/kind-config.yaml where the CIDRs differ.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, isMap, stringify } from 'yaml';
import type { Capture } from './types.ts';

// YAML 1.1 quoting: calicoctl reads YAML 1.1, where an unquoted y, on or no is a boolean.
const yaml = (o: unknown) => stringify(o, { lineWidth: 0, version: '1.1' });

export async function writeCapture(dir: string, c: Capture): Promise<string[]> {
  await mkdir(join(dir, 'policies'), { recursive: true });
  const written: string[] = [];
  const put = async (file: string, text: string) => { await writeFile(join(dir, file), text); written.push(file); };
  for (const p of c.policies) await put(p.file, yaml(p.object));
  if (c.kindConfig) await put('kind-config.yaml', yaml(c.kindConfig));
  await put('pods-map.json', `${JSON.stringify(c.podsMap, null, 2)}\n`);
  await put('capture.json', `${JSON.stringify({ present: c.present, unreadable: c.unreadable, notes: c.notes, groups: c.groups.map((g) => ({ pod: `${g.namespace}/${g.name}`, standsFor: g.pods.length })) }, null, 2)}\n`);
  // Last: a scenario.yaml only ever names files that are there.
  await put('scenario.yaml', scenarioText(c));
  return written;
}

/** The scenario with a comment above each probe pod: how many real pods it stands for. */
export function scenarioText(c: Capture): string {
  const doc = new Document(c.scenario, { version: '1.1' });
  doc.commentBefore = ' Written by tierprobe capture. pods-map.json maps each probe pod to the real pods it stands for.';
  const namespaces = Array.isArray(c.scenario['namespaces']) ? (c.scenario['namespaces'] as { name: string; pods: { name: string }[] }[]) : [];
  for (const [i, ns] of namespaces.entries()) {
    for (const [j, pod] of ns.pods.entries()) {
      const real = c.podsMap.representatives[`${ns.name}/${pod.name}`] ?? [];
      const node = doc.getIn(['namespaces', i, 'pods', j], true);
      if (isMap(node)) {
        node.commentBefore = ` stands for ${real.length} pod(s): ${real.slice(0, 3).map((r) => r.split('/')[1]).join(', ')}${real.length > 3 ? ', ...' : ''}`;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
