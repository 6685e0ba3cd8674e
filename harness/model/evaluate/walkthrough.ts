// `tierprobe query`: one connection walked through every tier, in each mode (enforced, pending,
// promoted) and direction. The same endpoints, address variants, plans and combination as
// evaluate-cells.ts, so the verdict and decider of each mode are the cell's.
import type { CompiledPolicySet, Direction } from '../compile/compiled.ts';
import { parseCidr, type Cidr } from '../net/cidr.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import type { Inventory } from '../types.ts';
import { addressVariants, distinctGroups, outcome, type Sides, type Variant } from './address-outcome.ts';
import { inventoryPodCidrs, namedCidrs, podAddressSpace, separating, type PodAddressSpace } from './address-regions.ts';
import { serviceAddress, serviceBackends } from '../services/backends.ts';
import { hairpinOutcome } from './connections.ts';
import { buildEndpoints, InventoryError, type Endpoint } from './endpoints.ts';
import { ruleMatches, type FastRule, type Packet } from './fast-rule.ts';
import { groupEndpoints, type Group } from './groups.ts';
import { PlanBuilder, policyModes, type Mode, type Plan } from './plans.ts';
import { PredicateRegistry } from './predicates.ts';
import type { Decision } from './trace.ts';
import { walkDirection, type DirectionInput } from './walkthrough-direction.ts';
import { leftOutPolicies, policyNotes } from './walkthrough-modes.ts';
import type { ModeWalk, Walkthrough, WalkthroughQuery } from './walkthrough-types.ts';

export type * from './walkthrough-types.ts';

/** The query names no such source pod, destination, or port of the destination. */
export class WalkthroughError extends Error {
  override name = 'WalkthroughError';
}

/** A Service query: the backend and its port after DNAT (policy sees the packet there). */
function afterDnat(inventory: Inventory, query: WalkthroughQuery): { to: string; port: number } | undefined {
  if (!query.to.startsWith('svc:')) return undefined;
  const service = (inventory.services ?? []).find((s) => serviceAddress(s) === query.to);
  if (!service) throw new WalkthroughError(`${query.to} is not a Service of the inventory`);
  const ports = serviceBackends(inventory, service).find((p) => p.port.port === query.port && p.port.protocol === query.protocol);
  if (!ports) throw new WalkthroughError(`${query.to} has no port ${query.port}/${query.protocol}`);
  const backend = ports.backends.find((b) => b.address === query.backend);
  if (!backend) throw new WalkthroughError(`${query.backend ?? 'no backend given'} is not a backend of ${query.to} ${query.port}/${query.protocol}; its backends: ${ports.backends.map((b) => b.address).join(', ') || 'none'}`);
  return { to: backend.address, port: backend.targetPort };
}

export function walkthrough(inventory: Inventory, policies: { readonly compiled: CompiledPolicySet }, query: WalkthroughQuery): Walkthrough {
  return prepareWalkthrough(inventory, policies, [query.from, query.backend ?? query.to])(query);
}

/**
 * Walks of many connections over one inventory and policy set: endpoints, plans and groups are
 * built once (audit-flows walks thousands). only: the endpoints the queries will name (ns/pod,
 * external:NAME); default every endpoint of the inventory.
 */
export function prepareWalkthrough(inventory: Inventory, policies: { readonly compiled: CompiledPolicySet }, only?: readonly string[]): (query: WalkthroughQuery) => Walkthrough {
  const set = policies.compiled;
  const all = buildEndpoints(inventory);
  const wanted = only === undefined ? undefined : new Set(only);
  const endpoints = wanted === undefined ? all : all.filter((e) => wanted.has(e.address));
  const modes = policyModes(set);
  const modeNames: Mode[] = modes.pending ? ['enforced', 'pending', 'promoted'] : ['enforced'];
  const space = podAddressSpace(inventoryPodCidrs(inventory), namedCidrs(set));
  const { variants, variantsOf } = addressVariants(endpoints, space);
  const registry = new PredicateRegistry(set.networkSets);
  const builder = new PlanBuilder(registry, set.tiers);
  const plans = new Map<Mode, Plan>([['enforced', builder.build(modes.enforced)]]);
  if (modes.pending) plans.set('pending', builder.build(modes.pending));
  if (modes.promoted) plans.set('promoted', builder.build(modes.promoted));
  const leftOut = leftOutPolicies(set, registry);
  const notes = policyNotes(set);
  // As in evaluate-cells.ts: every predicate is registered before endpoints are evaluated.
  const { groups, groupOf } = groupEndpoints(variants, registry);
  const index = new Map(endpoints.map((e, i) => [e.address, i]));
  const optionsOf = (i: number) => distinctGroups(variantsOf[i] ?? [], variants, groups, groupOf);

  return (query) => {
    const dnat = afterDnat(inventory, query);
    const to = dnat?.to ?? query.to;
    const port = dnat?.port ?? query.port;
    const si = index.get(query.from);
    const di = index.get(to);
    const src = si === undefined ? undefined : endpoints[si];
    const dst = di === undefined ? undefined : endpoints[di];
    if (!src?.isPod || si === undefined) throw new WalkthroughError(`${query.from} is not a pod of the inventory`);
    if (!dst || di === undefined) throw new WalkthroughError(`${query.to} is not a pod or external of the inventory`);
    if (!dst.ports.some((p) => p.port === port && p.protocol === query.protocol)) {
      throw new WalkthroughError(`${to} does not serve ${port}/${query.protocol}`);
    }
    const hairpin = dnat !== undefined && src === dst;
    const service = dnat === undefined ? {} : { targetPort: port, hairpin };
    if (src === dst && !hairpin) {
      // CALICO-SEMANTICS.md §7.1: a pod to itself never leaves its network namespace.
      return { ...query, self: true, modes: modeNames.map((mode) => ({ mode, egress: null, ingress: null, verdict: 'allow', decidedBy: null })) };
    }
    const srcOptions = optionsOf(si);
    const dstOptions = optionsOf(di);
    const sides: Sides = { from: src.address, to: dst.address, srcOptions, dstOptions, space };
    const protocol = PROTOCOL_NUMBERS[query.protocol] ?? 0;
    const packetOf = (sg: Group, dg: Group): Packet => ({ src: sg, dst: dg, port, protocol, ipVersion: sg.ipVersion || dg.ipVersion || 4 });

    const walkMode = (mode: Mode): ModeWalk => {
      const plan = plans.get(mode) ?? [];
      const input = (direction: Direction, sg: Group, dg: Group): DirectionInput => {
        const local = direction === 'egress' ? src : dst;
        return {
          plan, direction, naming: mode === 'pending' ? 'first' : 'last',
          local: direction === 'egress' ? sg : dg, endpoint: local.address, packet: packetOf(sg, dg),
          names: { src: nameOf(inventory, src), dst: nameOf(inventory, dst) }, profile: `kns.${local.address.split('/')[0] ?? ''}`,
          leftOut: (tier, dir, g) => leftOut[mode].filter((l) => l.policy.tier === tier && l.policy.types[dir] && g.bits[l.local] === 1).map((l) => l.entry),
          describe: (p) => notes[mode](p),
          dependence: (rule) => dependence(rule, sides, packetOf),
          addressNote: (rule) => addressNote(rule, src, dst, space),
        };
      };
      const connect = (sg: Group, dg: Group) => {
        const egress = walkDirection(input('egress', sg, dg));
        // A side that is not a pod (an external) is not policed by Calico.
        if (!dg.isPod) return { egress, ingress: undefined, decision: egress.decision };
        const ingress = walkDirection(input('ingress', sg, dg), egress.decision.allow);
        return { egress, ingress, decision: combine(egress.decision, ingress.decision) };
      };
      const first = (list: readonly Variant[]) => {
        const v = list[0];
        if (!v) throw new Error('an endpoint has no address variant');
        return v.group;
      };
      const shown = connect(first(srcOptions), first(dstOptions));
      const result = hairpin
        ? hairpinOutcome(src.address, srcOptions, (sg, dg) => connect(sg, dg).decision, space)
        : outcome(sides, (sg, dg) => connect(sg, dg).decision);
      return {
        mode, egress: shown.egress.walk, ingress: shown.ingress?.walk ?? null, verdict: result.verdict, decidedBy: result.decidedBy,
        ...(result.because === undefined ? {} : { unknownBecause: result.because }),
      };
    };
    return { ...query, self: false, ...service, modes: modeNames.map(walkMode) };
  };
}

/** Tables.connect in evaluate-cells.ts: egress AND ingress; the ingress decider when it has one. */
function combine(egress: Decision, ingress: Decision): Decision {
  if (!egress.allow) return egress;
  if (!ingress.allow) return ingress;
  return ingress.decidedBy !== null ? ingress : egress;
}

/** A rule whose outcome is not the same at every address an address-less pod may have. */
function dependence(rule: FastRule, sides: Sides, packetOf: (sg: Group, dg: Group) => Packet) {
  const { srcOptions, dstOptions } = sides;
  if (srcOptions.length === 1 && dstOptions.length === 1) return undefined;
  const s0 = srcOptions[0];
  const d0 = dstOptions[0];
  if (!s0 || !d0) return undefined;
  const base = ruleMatches(rule, packetOf(s0.group, d0.group));
  const pods = new Set<string>();
  const cidrs = new Set<string>();
  // A side counts when its address alone changes the outcome; both count when only together.
  const differs = (s: Variant, d: Variant) => ruleMatches(rule, packetOf(s.group, d.group)) !== base;
  const side = (pod: string, list: readonly Variant[], at: (v: Variant) => boolean, first: Variant) => {
    const changing = list.filter(at);
    if (changing.length > 0) pods.add(pod);
    for (const v of changing) if (first.ip && v.ip) for (const c of separating(sides.space, first.ip, v.ip)) cidrs.add(c.text);
  };
  side(sides.from, srcOptions, (s) => differs(s, d0), s0);
  side(sides.to, dstOptions, (d) => differs(s0, d), d0);
  if (pods.size === 0 && srcOptions.some((s) => dstOptions.some((d) => differs(s, d)))) {
    side(sides.from, srcOptions, (s) => dstOptions.some((d) => differs(s, d)), s0);
    side(sides.to, dstOptions, (d) => srcOptions.some((s) => differs(s, d)), d0);
  }
  if (pods.size === 0) return undefined;
  return { pods: [...pods], cidrs: [...cidrs], walkGoesOnAs: base ? 'matched' as const : 'no-match' as const };
}

/** Which address-less pods a rule's nets or notNets test, said where their address does not matter. */
function addressNote(rule: FastRule, src: Endpoint, dst: Endpoint, space: PodAddressSpace): string | undefined {
  const tested = [
    { e: src, nets: rule.srcNets !== -1 || rule.srcNotNets !== -1 },
    { e: dst, nets: rule.dstNets !== -1 || rule.dstNotNets !== -1 },
  ].filter((x) => x.nets && x.e.isPod && x.e.ip === undefined).map((x) => x.e.address);
  if (tested.length === 0) return undefined;
  const where = space.podCidrs.length > 0 ? `the pod CIDR ${space.podCidrs.map((c) => c.text).join(', ')}` : 'any IPv4 address (no pod CIDR was given)';
  return `${tested.join(' and ')} ${tested.length === 1 ? 'has' : 'have'} no address offline; every address in ${where} gives this outcome`;
}

/** "x/a" offline, "x/a (10.244.1.5)" with an address. */
function nameOf(inventory: Inventory, e: Endpoint): string {
  const ip = e.isPod
    ? inventory.pods.find((p) => `${p.namespace}/${p.name}` === e.address)?.ip
    : inventory.externals.find((x) => `external:${x.name}` === e.address)?.ip;
  return ip === undefined ? e.address : `${e.address} (${ip})`;
}

function fail(message: string): never {
  throw new InventoryError(message);
}
