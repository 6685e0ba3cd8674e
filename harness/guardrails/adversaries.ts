// The adversarial policies a guardrail is attacked with at a step: in every tier where app teams
// write and that could change its cells. Those are the tiers Calico evaluates after the tier that
// decides the cells; the default tier (Kubernetes NetworkPolicy, Calico's default-tier policies),
// wherever it sits, since that is where every app team writes; and the baseline (BANP) tier. The
// admin tier (AdminNetworkPolicy) and tiers before the deciding one are the platform's, and are
// not attacked. A deny guardrail is attacked with allow-alls, an allow guardrail with deny-alls,
// each selecting only the scenario's namespaces (so, on a cluster tierprobe does not own, they
// reach nothing else). Pure: documents in, documents out.
import { stringify } from 'yaml';
import { identify, type Cell, type Verdict } from '../model/index.ts';
import type { CompiledTier } from '../model/compile/compiled.ts';
import type { Guardrail, LoadedDocument } from '../scenario/types.ts';

export interface AttackPlan {
  /** The tiers attacked, in Calico's order. */
  tiers: string[];
  documents: LoadedDocument[];
  /** Why a tier that would be attacked is not (a BANP already exists: it is a singleton). */
  notes: string[];
}

/** decidingTiers: the tiers that decided the guardrail's cells at the step (none: no policy did). */
export function attackedTiers(tiers: readonly CompiledTier[], decidingTiers: ReadonlySet<string>, builtIn: { admin: string; baseline: string }): string[] {
  const positions = tiers.map((t) => t.name);
  const first = Math.min(...[...decidingTiers].map((t) => positions.indexOf(t)).filter((i) => i >= 0));
  return positions.filter((name, i) => name !== builtIn.admin && (name === 'default' || name === builtIn.baseline || !Number.isFinite(first) || i > first));
}

/** The tiers that decided these cells, by their decidedBy (both directions' deciders where staged or not). */
export function decidingTiers(cells: readonly Cell[]): Set<string> {
  return new Set(cells.flatMap((c) => (c.decidedBy ? [c.decidedBy.tier] : [])));
}

export function attackPlan(g: Guardrail, index: number, tiers: readonly CompiledTier[], cells: readonly Cell[], namespaces: readonly string[],
  alive: readonly LoadedDocument[], builtIn: { admin: string; baseline: string }): AttackPlan {
  const attacked = attackedTiers(tiers, decidingTiers(cells), builtIn);
  const action = attackAction(g.rule.verdict);
  const name = attackName(g, index);
  const at = g.location;
  const documents: LoadedDocument[] = [];
  const notes: string[] = [];
  const selector = `projectcalico.org/namespace in {${namespaces.map((n) => `'${n}'`).join(', ')}}`;
  for (const tier of attacked) {
    if (tier === builtIn.baseline) {
      if (alive.some((d) => d.id.kind === 'BaselineAdminNetworkPolicy')) {
        notes.push(`the ${tier} tier is not attacked: the scenario's BaselineAdminNetworkPolicy holds it, and Kubernetes allows only one (named default)`);
        continue;
      }
      documents.push(doc(banp(namespaces, action), at, index));
      continue;
    }
    documents.push(doc({
      apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy',
      metadata: { name: tier === 'default' ? name : `${tier}.${name}` },
      spec: { tier, order: 1, selector, types: ['Ingress', 'Egress'], ingress: [{ action }], egress: [{ action }] },
    }, at, index));
    if (tier === 'default') {
      for (const namespace of namespaces) documents.push(doc(kubernetesPolicy(name, namespace, action), at, index));
    }
  }
  return { tiers: attacked, documents, notes };
}

function attackAction(v: Verdict): 'Allow' | 'Deny' {
  return v === 'deny' ? 'Allow' : 'Deny';
}

/** A name per guardrail, a DNS label of 63 characters at most. */
export function attackName(g: Guardrail, index: number): string {
  const base = `tierprobe-attack-${index}-${g.name}`;
  return base.length <= 63 ? base : base.slice(0, 63).replace(/-+$/, '');
}

/** An app team's allow-all (or deny-all): every pod of the namespace, both directions. */
function kubernetesPolicy(name: string, namespace: string, action: 'Allow' | 'Deny'): object {
  const spec = action === 'Allow'
    ? { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] }
    : { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function banp(namespaces: readonly string[], action: 'Allow' | 'Deny'): object {
  const all = [{ namespaces: {} }];
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' },
    spec: {
      subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...namespaces] }] } },
      ingress: [{ name: 'tierprobe-attack', action, from: all }],
      egress: [{ name: 'tierprobe-attack', action, to: all }],
    },
  };
}

function doc(value: object, at: Guardrail['location'], index: number): LoadedDocument {
  const id = identify(value);
  if (!id) throw new Error('an adversarial policy without an identity');
  // Shown at the guardrail that asked for it; its own text is the YAML applied.
  return { source: { file: `${at.file}#guardrails[${index}]`, document: 0 }, doc: value, id, text: stringify(value), location: at };
}
