// projectcalico.org/v3 NetworkPolicy, GlobalNetworkPolicy and their staged kinds -> CompiledPolicy.
import type { CalicoPolicySpec, RuleDoc } from '../schema/calico.ts';
import { andNodes, prefixLabels, Selector, type SelectorNode } from '../selector/index.ts';
import type { SourceRef } from '../types.ts';
import { compileCalicoRule } from './calico-rule.ts';
import type { CompiledPolicy, CompiledRule, Direction, PolicyKind, StagedAction } from './compiled.ts';
import { policyIdentity } from './compiled.ts';
import type { CompileContext } from './context.ts';
import {
  displayName, isValidPolicyName, NAME_REASON, sortKey, tieredName, tierPrefixProblem,
} from './names.ts';
import type { Path } from './problems.ts';
import { globalPolicySelector, inNamespace, parseField, rejectGlobal, SERVICE_ACCOUNT_PREFIX } from './selectors.ts';
import { checkStagedAction, defaultCalicoTypes } from './policy-common.ts';

export type CalicoPolicyKind = 'NetworkPolicy' | 'GlobalNetworkPolicy' | 'StagedNetworkPolicy' | 'StagedGlobalNetworkPolicy';

interface Target { kind: PolicyKind; name: string; namespace: string | undefined }

export function compileCalicoPolicy(
  kind: CalicoPolicyKind, name: string, namespace: string | undefined, spec: CalicoPolicySpec, source: SourceRef, ctx: CompileContext,
): CompiledPolicy | undefined {
  const namespaced = kind === 'NetworkPolicy' || kind === 'StagedNetworkPolicy';
  const ns = namespaced ? (namespace ?? 'default') : undefined;
  const staged = kind.startsWith('Staged');
  if (!isValidPolicyName(name, namespaced ? 'namespaced' : 'global')) {
    ctx.sink.field(['metadata', 'name'], 'Metadata.Name', name, NAME_REASON);
  }
  const tier = spec.tier === undefined || spec.tier === '' ? 'default' : spec.tier;
  if (!ctx.tiers.has(tier)) ctx.sink.invalid(['spec', 'tier'], `resource does not exist: Tier(${tier})`);
  const prefixProblem = tierPrefixProblem(name, tier);
  if (prefixProblem) ctx.sink.invalid(['metadata', 'name'], prefixProblem);
  const stagedAction = staged ? checkStagedAction(spec, ctx.sink, (s) => deleteLeavesOnlyTier(s)) : undefined;
  const enforcedKind: PolicyKind = namespaced ? 'CalicoNetworkPolicy' : 'GlobalNetworkPolicy';
  const ownKind: PolicyKind = !staged ? enforcedKind : namespaced ? 'StagedNetworkPolicy' : 'StagedGlobalNetworkPolicy';
  const body = compileBody(spec, ns, ctx);
  if (ctx.sink.hasInvalid() || body === undefined) return undefined;
  const make = (t: Target): CompiledPolicy => ({
    name: displayName(t), kind: t.kind, tier, order: spec.order ?? Infinity,
    sortKey: sortKey(ctx.version, t), selector: body.selector, types: body.types, rules: body.rules, source,
    ...(t.namespace === undefined ? {} : { namespace: t.namespace }),
  });
  const enforcedTarget: Target = { kind: enforcedKind, name, namespace: ns };
  const policy = make({ kind: ownKind, name, namespace: ns });
  if (stagedAction !== undefined) {
    const target = policyIdentity(namespaced ? 'calico-namespaced' : 'calico-global', ns, tieredName(name));
    policy.staged = stagedAction === 'Delete'
      ? { action: stagedAction, target }
      : { action: stagedAction, target, promoted: make(enforcedTarget) };
  }
  return policy;
}

/** Identity of an enforced Calico policy (matches a staged policy's target). */
export function calicoIdentity(kind: 'NetworkPolicy' | 'GlobalNetworkPolicy', name: string, namespace: string | undefined): string {
  return kind === 'NetworkPolicy'
    ? policyIdentity('calico-namespaced', namespace ?? 'default', tieredName(name))
    : policyIdentity('calico-global', undefined, tieredName(name));
}

function deleteLeavesOnlyTier(spec: CalicoPolicySpec): boolean {
  return Object.entries(spec).every(([k, v]) => k === 'tier' || k === 'stagedAction' || v === undefined);
}

interface Body { selector: Selector; types: Record<Direction, boolean>; rules: Record<Direction, CompiledRule[]> }

function compileBody(spec: CalicoPolicySpec, ns: string | undefined, ctx: CompileContext): Body | undefined {
  const { sink } = ctx;
  const types = defaultCalicoTypes(spec.types, spec.ingress, spec.egress, sink);
  const selector = policySelector(spec, ns, ctx);
  const rules = {
    ingress: compileRules(spec.ingress, ns, ctx, ['spec', 'ingress']),
    egress: compileRules(spec.egress, ns, ctx, ['spec', 'egress']),
  };
  checkHostOnly(spec, types, ctx);
  if (selector === undefined) return undefined;
  return { selector, types, rules };
}

function compileRules(docs: RuleDoc[] | undefined, ns: string | undefined, ctx: CompileContext, path: Path): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const [i, doc] of (docs ?? []).entries()) {
    const r = compileCalicoRule(doc, ns, ctx.sink, [...path, i]);
    if (r) out.push(r);
  }
  return out;
}

/** The v1 policy selector (networkpolicyprocessor.go, globalnetworkpolicyprocessor.go). */
function policySelector(spec: CalicoPolicySpec, ns: string | undefined, ctx: CompileContext): Selector | undefined {
  const { sink } = ctx;
  const sel = parseField(spec.selector, sink, ['spec', 'selector']);
  rejectGlobal(sel, sink, ['spec', 'selector'], 'NetworkPolicySpec.Selector', spec.selector);
  const sa = parseField(spec.serviceAccountSelector, sink, ['spec', 'serviceAccountSelector']);
  rejectGlobal(sa, sink, ['spec', 'serviceAccountSelector'], 'NetworkPolicySpec.ServiceAccountSelector', spec.serviceAccountSelector);
  const nsSel = ns === undefined ? parseField(spec.namespaceSelector, sink, ['spec', 'namespaceSelector']) : undefined;
  rejectGlobal(nsSel, sink, ['spec', 'namespaceSelector'], 'GlobalNetworkPolicySpec.NamespaceSelector', spec.namespaceSelector);
  if (sink.hasInvalid()) return undefined;
  let node: SelectorNode = sel ?? { op: 'all' };
  if (ns !== undefined) {
    node = andNodes(node, inNamespace(ns));
    if (sa) node = andNodes(node, prefixLabels(sa, SERVICE_ACCOUNT_PREFIX));
    return new Selector(node);
  }
  return new Selector(globalPolicySelector(node, nsSel, sa));
}

/** doNotTrack and preDNAT policies apply to host endpoints only: they never act on pods. */
function checkHostOnly(spec: CalicoPolicySpec, types: Record<Direction, boolean>, ctx: CompileContext): void {
  const { sink } = ctx;
  if (spec.doNotTrack && spec.preDNAT) {
    sink.field(['spec', 'preDNAT'], 'PolicySpec.PreDNAT', true, 'PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec');
  }
  if (spec.preDNAT && (spec.egress?.length ?? 0) > 0) {
    sink.field(['spec', 'egress'], 'PolicySpec.Egress', spec.egress, 'PreDNAT PolicySpec cannot have any Egress rules');
  }
  if ((spec.doNotTrack || spec.preDNAT) && !spec.applyOnForward) {
    sink.field(['spec', 'applyOnForward'], 'PolicySpec.ApplyOnForward', false,
      'ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec');
  }
  if (spec.doNotTrack || spec.preDNAT) {
    sink.unsupported(['spec', spec.doNotTrack ? 'doNotTrack' : 'preDNAT'],
      'doNotTrack and preDNAT policies apply to host endpoints only; the model has none, so this policy never acts on pods');
    types.ingress = false;
    types.egress = false;
  }
}

export type { StagedAction };
