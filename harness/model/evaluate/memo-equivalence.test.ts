import { expect } from 'chai';
import { generateInventory, generatePolicies } from '../../../bench/generate-cluster.ts';
import { compilePolicies } from '../index.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import { buildEndpoints } from './endpoints.ts';
import { evaluateCells } from './evaluate-cells.ts';
import type { Group } from './groups.ts';
import { PlanBuilder, policyModes, type Plan } from './plans.ts';
import { PredicateRegistry } from './predicates.ts';
import { buildTrace, walk } from './trace.ts';

/** The §0 algorithm cell by cell: no grouping of endpoints, no memoised decisions. */
function reference(shape: { namespaces: number; podsPerNamespace: number; staged: boolean }): string[] {
  const { policies } = compilePolicies(generatePolicies(shape));
  const set = policies.compiled;
  // No CIDR of the bench cuts its pod CIDR 10.244.0.0/16, so one address in it stands for any.
  const endpoints = buildEndpoints(generateInventory(shape)).map((e) => (e.isPod && !e.ip ? { ...e, ip: { version: 4 as const, value: 0x0af40001n } } : e));
  const registry = new PredicateRegistry(set.networkSets);
  const builder = new PlanBuilder(registry, set.tiers);
  const modes = policyModes(set);
  const plans: Plan[] = [builder.build(modes.enforced), ...(modes.pending ? [builder.build(modes.pending)] : []), ...(modes.promoted ? [builder.build(modes.promoted)] : [])];
  const groups: Group[] = endpoints.map((e, id) => ({ id, isPod: e.isPod, bits: registry.evaluate(e), namedPorts: e.namedPorts, namedKey: '', ipVersion: e.ip?.version ?? 0 }));
  const out: string[] = [];
  endpoints.forEach((src, si) => {
    if (!src.isPod) return;
    endpoints.forEach((dst, di) => {
      for (const p of dst.ports) {
        const verdicts = plans.map((plan) => {
          if (si === di) return 'allow';
          const s = groups[si];
          const d = groups[di];
          if (!s || !d) throw new Error('missing group');
          const packet = { src: s, dst: d, port: p.port, protocol: PROTOCOL_NUMBERS[p.protocol] ?? 0, ipVersion: 4 };
          const egress = walk(buildTrace(plan, s, 'egress'), packet);
          if (!egress.allow || !d.isPod) return egress.allow ? 'allow' : 'deny';
          return walk(buildTrace(plan, d, 'ingress'), packet).allow ? 'allow' : 'deny';
        });
        out.push(`${src.address} ${dst.address} ${p.port}/${p.protocol} ${verdicts.join(' ')}`);
      }
    });
  });
  return out;
}

describe('grouped, memoised evaluation equals the cell-by-cell algorithm', () => {
  for (const staged of [false, true]) {
    it(`on a generated 12x4 cluster with the bench policies${staged ? ' and staged ones' : ''}`, () => {
      const shape = { namespaces: 12, podsPerNamespace: 4, staged };
      const { policies, problems } = compilePolicies(generatePolicies(shape));
      expect(problems).to.deep.equal([]);
      const fast = evaluateCells(generateInventory(shape), policies.compiled)
        .map((c) => `${c.from} ${c.to} ${c.port}/${c.protocol} ${[c.verdict, c.stagedVerdict, c.promotedVerdict].filter(Boolean).join(' ')}`);
      const slow = reference(shape);
      expect(fast.length).to.equal(slow.length);
      expect(fast.filter((line, i) => line !== slow[i]).slice(0, 5)).to.deep.equal([]);
      expect(new Set(fast.map((l) => l.split(' ')[3])).size, 'both verdicts occur').to.equal(2);
    });
  }
});
