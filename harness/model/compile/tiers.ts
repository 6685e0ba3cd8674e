// Tiers: the built-in ones for a Calico version, applied Tier resources, Calico's tier order.
import type { CalicoVersion } from '../types.ts';
import type { CompiledTier } from './compiled.ts';
import { builtInTierNames, isValidTierName, NAME_REASON } from './names.ts';
import type { ProblemSink } from './problems.ts';

export function builtInTiers(version: CalicoVersion): CompiledTier[] {
  const names = builtInTierNames(version);
  return [
    { name: names.admin, order: 1000, defaultAction: 'Pass' },
    { name: 'default', order: 1_000_000, defaultAction: 'Deny' },
    { name: names.baseline, order: 10_000_000, defaultAction: 'Pass' },
  ];
}

export interface TierSpec { order?: number | undefined; defaultAction?: 'Deny' | 'Pass' | undefined }

/** A Tier resource; built-in tiers may be re-declared but keep their order (validateTier). */
export function compileTier(name: string, spec: TierSpec, version: CalicoVersion, sink: ProblemSink): CompiledTier | undefined {
  if (!isValidTierName(name)) sink.field(['metadata', 'name'], 'Metadata.Name', name, NAME_REASON);
  const builtIn = builtInTiers(version).find((t) => t.name === name);
  if (builtIn && spec.order !== builtIn.order) {
    sink.field(['spec', 'order'], 'TierSpec.Order', spec.order ?? 'nil', `${name} tier order must be ${builtIn.order}`);
  }
  if (sink.hasInvalid()) return undefined;
  return { name, order: spec.order, defaultAction: spec.defaultAction ?? 'Deny' };
}

/** Calico's TierLess: by order (none last), then by name. */
export function sortTiers(tiers: CompiledTier[]): CompiledTier[] {
  return [...tiers].sort((a, b) => {
    const ao = a.order ?? Infinity;
    const bo = b.order ?? Infinity;
    if (ao !== bo) return ao - bo;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}
