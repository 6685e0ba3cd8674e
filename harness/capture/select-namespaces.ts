// Which namespaces a capture takes: those named, or every one but the system namespaces. Pure.
import { z } from 'zod';
import { UsageError } from '../errors.ts';
import { userLabels } from './strip.ts';
import type { CaptureOptions } from './types.ts';

/** Kubernetes', Calico's and kind's own: not workloads a scenario replays, unless named or asked for. */
export function isSystemNamespace(name: string): boolean {
  return /^(kube-|calico-|tigera-)/.test(name) || name === 'local-path-storage';
}

const namespaceSchema = z.object({ metadata: z.object({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }) });

export interface CapturedNamespace { name: string; labels: Record<string, string> }

export function selectNamespaces(raw: readonly unknown[], o: Pick<CaptureOptions, 'namespaces' | 'includeSystem'>): { namespaces: CapturedNamespace[]; excluded: string[] } {
  const all = raw.flatMap((n) => {
    const parsed = namespaceSchema.safeParse(n);
    if (!parsed.success) return [];
    // The API server sets kubernetes.io/metadata.name itself; a replay's namespace gets it again.
    const { ['kubernetes.io/metadata.name']: _name, ...labels } = userLabels(parsed.data.metadata.labels);
    return [{ name: parsed.data.metadata.name, labels }];
  });
  if (o.namespaces === 'all') {
    const keep = all.filter((n) => o.includeSystem || !isSystemNamespace(n.name));
    return { namespaces: keep.sort(byName), excluded: all.filter((n) => !keep.includes(n)).map((n) => n.name).sort() };
  }
  const missing = o.namespaces.filter((name) => !all.some((n) => n.name === name));
  if (missing.length > 0) {
    throw new UsageError(`--namespaces: no namespace ${missing.map((m) => `"${m}"`).join(', ')} on the cluster; it has: ${all.map((n) => n.name).sort().join(', ')}`);
  }
  return { namespaces: all.filter((n) => o.namespaces.includes(n.name)).sort(byName), excluded: [] };
}

const byName = (a: CapturedNamespace, b: CapturedNamespace) => a.name.localeCompare(b.name);
