// Every document of a step -> one CompiledPolicySet plus every problem found.
import { z } from 'zod';
import {
  calicoDocSchema, globalNetworkPolicySpecSchema, networkPolicySpecSchema, networkSetSpecSchema,
  stagedGlobalNetworkPolicySpecSchema, stagedNetworkPolicySpecSchema, tierSpecSchema,
} from '../schema/calico.ts';
import { adminDocSchema, anpSpecSchema, banpSpecSchema, k8sNetworkPolicyDocSchema, k8sNetworkPolicySpecSchema } from '../schema/kubernetes.ts';
import { reportZodIssues, withoutNulls } from '../schema/zod-problems.ts';
import type { ModelOptions, ModelProblem, PolicyDocument, SourceRef } from '../types.ts';
import { compileAdminPolicy } from './admin-policy.ts';
import { calicoIdentity, compileCalicoPolicy } from './calico-policy.ts';
import { policyIdentity, type CompiledNetworkSet, type CompiledPolicy, type CompiledPolicySet, type CompiledTier } from './compiled.ts';
import type { CompileContext } from './context.ts';
import { identify, identityKey } from './identify.ts';
import { compileK8sPolicy, k8sIdentity } from './k8s-policy.ts';
import { compileNetworkSet } from './network-set.ts';
import { ProblemSink } from './problems.ts';
import { builtInTiers, compileTier, sortTiers } from './tiers.ts';

interface Pending { source: SourceRef; doc: unknown; sink: ProblemSink }

class SetBuilder {
  readonly tiers = new Map<string, CompiledTier>();
  readonly enforced = new Map<string, CompiledPolicy>();
  readonly staged: CompiledPolicy[] = [];
  readonly networkSets: CompiledNetworkSet[] = [];
}

const CALICO_POLICY_SPECS = {
  NetworkPolicy: networkPolicySpecSchema,
  GlobalNetworkPolicy: globalNetworkPolicySpecSchema,
  StagedNetworkPolicy: stagedNetworkPolicySpecSchema,
  StagedGlobalNetworkPolicy: stagedGlobalNetworkPolicySpecSchema,
} as const;

const KNOWN = [
  'projectcalico.org/v3: Tier, NetworkPolicy, GlobalNetworkPolicy, StagedNetworkPolicy, StagedGlobalNetworkPolicy, ' +
  'StagedKubernetesNetworkPolicy, GlobalNetworkSet, NetworkSet',
  'networking.k8s.io/v1: NetworkPolicy',
  'policy.networking.k8s.io/v1alpha1: AdminNetworkPolicy, BaselineAdminNetworkPolicy',
].join('; ');

export function compileSet(docs: PolicyDocument[], opts: ModelOptions = {}): { set: CompiledPolicySet; problems: ModelProblem[] } {
  const version = opts.calicoVersion ?? '3.31';
  const problems: ModelProblem[] = [];
  const builder = new SetBuilder();
  for (const t of builtInTiers(version)) builder.tiers.set(t.name, t);
  const pending = uniqueDocuments(docs, problems);
  // Tiers first: a policy may name a tier defined later in the same set.
  const rest: Pending[] = [];
  for (const p of pending) {
    if (kindOf(p.doc) === 'projectcalico.org/v3/Tier') compileTierDoc(p, builder, version);
    else rest.push(p);
  }
  const ctx = (sink: ProblemSink): CompileContext => ({ version, tiers: new Set(builder.tiers.keys()), sink });
  for (const p of rest) compileDoc(p, builder, ctx(p.sink));
  const set: CompiledPolicySet = {
    version, tiers: sortTiers([...builder.tiers.values()]), enforced: builder.enforced, staged: builder.staged,
    networkSets: builder.networkSets,
  };
  return { set, problems };
}

function kindOf(doc: unknown): string | undefined {
  const parsed = z.object({ apiVersion: z.string(), kind: z.string() }).safeParse(doc);
  return parsed.success ? `${parsed.data.apiVersion}/${parsed.data.kind}` : undefined;
}

function uniqueDocuments(docs: PolicyDocument[], problems: ModelProblem[]): Pending[] {
  const seen = new Map<string, SourceRef>();
  const out: Pending[] = [];
  for (const d of docs) {
    const sink = new ProblemSink(d.source, problems);
    const doc = withoutNulls(d.doc);
    const id = identify(doc);
    if (id === undefined) {
      sink.invalid([], 'not a Kubernetes resource: apiVersion, kind and metadata.name are required');
      continue;
    }
    const key = identityKey(id);
    const first = seen.get(key);
    if (first) {
      sink.invalid(['metadata', 'name'], `duplicate ${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}: already defined in ${first.file} (document ${first.document})`);
      continue;
    }
    seen.set(key, d.source);
    out.push({ source: d.source, doc, sink });
  }
  return out;
}

function parseWith<S extends z.ZodType>(schema: S, p: Pending): z.infer<S> | undefined {
  const r = schema.safeParse(p.doc);
  if (r.success) return r.data;
  reportZodIssues(r.error, p.sink);
  return undefined;
}

function compileTierDoc(p: Pending, b: SetBuilder, version: CompileContext['version']): void {
  const doc = parseWith(calicoDocSchema(tierSpecSchema), p);
  if (!doc) return;
  const tier = compileTier(doc.metadata.name, doc.spec ?? {}, version, p.sink);
  if (tier) b.tiers.set(tier.name, tier);
}

function compileDoc(p: Pending, b: SetBuilder, ctx: CompileContext): void {
  const kind = kindOf(p.doc) ?? '';
  const apiVersion = kind.slice(0, kind.lastIndexOf('/'));
  const shortKind = kind.slice(kind.lastIndexOf('/') + 1);
  if (apiVersion === 'projectcalico.org/v3') return compileCalicoDoc(shortKind, p, b, ctx);
  if (kind === 'networking.k8s.io/v1/NetworkPolicy') {
    const doc = parseWith(k8sNetworkPolicyDocSchema, p);
    if (doc) addPolicy(b, compileK8sPolicy('NetworkPolicy', doc.metadata.name, doc.metadata.namespace, doc.spec ?? {}, p.source, ctx));
    return;
  }
  if (kind === 'policy.networking.k8s.io/v1alpha1/AdminNetworkPolicy' || kind === 'policy.networking.k8s.io/v1alpha1/BaselineAdminNetworkPolicy') {
    const admin = shortKind === 'AdminNetworkPolicy' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
    const doc = parseWith(adminDocSchema(admin, admin === 'AdminNetworkPolicy' ? anpSpecSchema : banpSpecSchema), p);
    if (doc) addPolicy(b, compileAdminPolicy(admin, doc.metadata.name, doc.spec, p.source, ctx));
    return;
  }
  if (apiVersion.startsWith('crd.projectcalico.org/')) {
    p.sink.unsupported(['apiVersion'], `${apiVersion} is Calico's storage format, which skips its defaulting and validation; write projectcalico.org/v3`);
    return;
  }
  p.sink.invalid(['kind'], `unknown kind ${JSON.stringify(shortKind)} for apiVersion ${JSON.stringify(apiVersion)}; supported: ${KNOWN}`);
}

function compileCalicoDoc(kind: string, p: Pending, b: SetBuilder, ctx: CompileContext): void {
  if (kind === 'NetworkPolicy' || kind === 'GlobalNetworkPolicy' || kind === 'StagedNetworkPolicy' || kind === 'StagedGlobalNetworkPolicy') {
    const doc = parseWith(calicoDocSchema(CALICO_POLICY_SPECS[kind]), p);
    if (doc) addPolicy(b, compileCalicoPolicy(kind, doc.metadata.name, doc.metadata.namespace, doc.spec ?? {}, p.source, ctx));
  } else if (kind === 'StagedKubernetesNetworkPolicy') {
    const doc = parseWith(calicoDocSchema(k8sNetworkPolicySpecSchema.extend({ stagedAction: z.string().optional() })), p);
    if (doc) addPolicy(b, compileK8sPolicy(kind, doc.metadata.name, doc.metadata.namespace, doc.spec ?? {}, p.source, ctx));
  } else if (kind === 'GlobalNetworkSet' || kind === 'NetworkSet') {
    const doc = parseWith(calicoDocSchema(networkSetSpecSchema), p);
    if (!doc) return;
    const ns = kind === 'NetworkSet' ? (doc.metadata.namespace ?? 'default') : undefined;
    const set = compileNetworkSet(doc.metadata.name, ns, doc.metadata.labels ?? {}, doc.spec?.nets ?? [], p.sink);
    if (set) b.networkSets.push(set);
  } else {
    p.sink.unsupported(['kind'], `the model does not evaluate projectcalico.org/v3 ${kind}; it is ignored`);
  }
}

function addPolicy(b: SetBuilder, policy: CompiledPolicy | undefined): void {
  if (policy === undefined) return;
  if (policy.staged) b.staged.push(policy);
  else b.enforced.set(enforcedIdentity(policy), policy);
}

/** Must agree with the `target` a staged policy computes for the same resource. */
export function enforcedIdentity(p: CompiledPolicy): string {
  switch (p.kind) {
    case 'CalicoNetworkPolicy': return calicoIdentity('NetworkPolicy', p.name, p.namespace);
    case 'GlobalNetworkPolicy': return calicoIdentity('GlobalNetworkPolicy', p.name, undefined);
    case 'NetworkPolicy': return k8sIdentity(p.name.slice('knp.default.'.length), p.namespace);
    default: return policyIdentity('admin', undefined, p.name);
  }
}
