// Loads a scenario file: YAML -> schema -> defaulted Scenario, with every problem located.
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, type Problem } from '../errors.ts';
import { readKindConfig } from '../cluster/kind/kind-config-file.ts';
import { parseCidr } from '../model/net/cidr.ts';
import { defaultProbePorts, resolveInventory } from './inventory.ts';
import { PolicySources } from './policy-sources.ts';
import type { PolicyReader } from './policy-files.ts';
import { reporter, type Report } from './report.ts';
import { scenarioSchema, type ScenarioFile } from './schema.ts';
import { schemaProblems } from './schema-problems.ts';
import { resolveSteps } from './load-steps.ts';
import { resolveGuardrails } from './guardrails.ts';
import { readTextFile } from './text-file.ts';
import type { ClusterSettings, Scenario } from './types.ts';
import { parseYaml, type YamlDocument, type YamlFile } from './yaml-file.ts';

export const defaultKindConfig = fileURLToPath(new URL('../../kind-config/default.yaml', import.meta.url));
export const defaultProbeTimeoutMs = 1000;

/** Reads and checks a scenario. Throws InputError listing every problem found. */
export async function loadScenario(file: string): Promise<Scenario> {
  const yaml = parseYaml(file, await readTextFile(file));
  if (yaml.problems.length > 0) throw new InputError(sortProblems(yaml.problems));
  const doc = singleDocument(yaml);
  const parsed = scenarioSchema.safeParse(doc.value, { reportInput: true });
  if (!parsed.success) throw new InputError(sortProblems(schemaProblems(yaml, doc, parsed.error.issues)));

  const problems: Problem[] = [];
  const report = reporter(yaml, doc, problems);
  const f = parsed.data;
  const probePorts = f.probe?.ports ?? [...defaultProbePorts];
  const inventory = resolveInventory(f, probePorts, report);
  const cluster = await resolveCluster(f, file, report);
  inventory.podCidrs = await podCidrsOf(cluster, f, report);
  const sources = new PolicySources();
  const reader: PolicyReader = { scenarioFile: file, scenario: { yaml, doc }, sources, problems, report, cache: new Map() };
  const steps = await resolveSteps(f, inventory, reader);
  const guardrails = resolveGuardrails(f.guardrails, inventory, steps, file, { yaml, doc }, report);
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  return {
    file, name: f.metadata.name, ...(f.metadata.description === undefined ? {} : { description: f.metadata.description }),
    cluster, probe: { timeoutMs: f.probe?.timeout ?? defaultProbeTimeoutMs, ports: probePorts }, inventory, steps, sources, guardrails,
  };
}

function singleDocument(yaml: YamlFile): YamlDocument {
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  const first = docs[0];
  if (!first) throw new InputError([{ file: yaml.file, line: 1, column: 1, message: 'file is empty: a scenario needs apiVersion, kind, metadata, namespaces and steps' }]);
  const second = docs[1];
  if (second) {
    const { line, col } = yaml.lineCounter.linePos(second.node.range[0]);
    throw new InputError([{ file: yaml.file, line, column: col, message: 'a scenario file holds exactly one YAML document; policies go in apply files' }]);
  }
  if (typeof first.value !== 'object' || Array.isArray(first.value)) {
    throw new InputError([{ file: yaml.file, line: 1, column: 1, message: 'a scenario must be a YAML mapping (apiVersion: tierprobe/v1alpha1, kind: Scenario, ...)' }]);
  }
  return first;
}

async function resolveCluster(f: ScenarioFile, file: string, report: Report): Promise<ClusterSettings> {
  const c = f.cluster;
  if (c?.provider === 'existing') {
    if (c.kindConfig !== undefined) report(['cluster', 'kindConfig'], 'kindConfig applies to provider kind only', { key: true });
    return { provider: 'existing', ...(c.context === undefined ? {} : { context: c.context }), ...(c.probeImage === undefined ? {} : { probeImage: c.probeImage }) };
  }
  if (c?.context !== undefined) report(['cluster', 'context'], 'context applies to provider existing only', { key: true });
  if (c?.probeImage !== undefined) report(['cluster', 'probeImage'], 'probeImage applies to provider existing only (on kind, tierprobe builds the probe image and loads it into the nodes)', { key: true });
  if (c?.kindConfig === undefined) return { provider: 'kind', kindConfig: defaultKindConfig };
  const kindConfig = join(dirname(file), c.kindConfig);
  await access(kindConfig).catch(() => report(['cluster', 'kindConfig'], `file not found: ${kindConfig}`));
  return { provider: 'kind', kindConfig };
}

/**
 * Where pods get their addresses, for the offline model: the kind config's podSubnet (kind's own
 * default when it has none), or what an existing cluster's scenario says (else unknown).
 */
async function podCidrsOf(cluster: ClusterSettings, f: ScenarioFile, report: Report): Promise<string[]> {
  if (cluster.provider === 'existing') return f.cluster?.podCIDR ?? [];
  if (f.cluster?.podCIDR !== undefined) report(['cluster', 'podCIDR'], "podCIDR applies to provider existing only: on kind, the pod CIDR is the kind config's networking.podSubnet", { key: true });
  let subnet: string;
  try {
    subnet = (await readKindConfig(cluster.kindConfig)).podSubnet;
  } catch (e) {
    // A missing file is already reported by resolveCluster.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') report(['cluster', 'kindConfig'], `cannot read networking.podSubnet from ${cluster.kindConfig}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return [];
  }
  const cidrs = subnet.split(',').map((s) => s.trim());
  const bad = cidrs.find((c) => parseCidr(c) === undefined);
  if (bad === undefined) return cidrs;
  report(['cluster', 'kindConfig'], `${cluster.kindConfig}: networking.podSubnet ${JSON.stringify(bad)} is not a CIDR`);
  return [];
}

/** By file, then position, so messages read top to bottom. */
function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
