// The offline verdict over unknown pod addresses against brute force: every assignment of real
// addresses to the pods, evaluated the way live runs are (pods with IPs).
import { expect } from 'chai';
import { gnp } from '../testing/builders.ts';
import { inventory, model } from '../testing/model-fixture.ts';

/** mulberry32: a small seeded generator, so a failure names its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ip = (n: number) => `10.244.${(n >> 8) & 255}.${n & 255}`;
const PODS = ['a', 'b', 'c'];

describe('offline address verdicts agree with every concrete address assignment', () => {
  const tally = { unknown: 0, known: 0 };
  for (let seed = 1; seed <= 25; seed++) {
    it(`random CIDR rules, seed ${seed}`, () => {
      const r = rng(seed);
      const cidrs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
        const prefix = 17 + Math.floor(r() * 8);
        const block = Math.floor(r() * 2 ** (prefix - 16));
        return { start: block << (32 - prefix), size: 2 ** (32 - prefix), text: `${ip(block << (32 - prefix))}/${prefix}` };
      });
      const pick = () => cidrs[Math.floor(r() * cidrs.length)]?.text ?? '0.0.0.0/0';
      const egress = [{ action: r() < 0.5 ? 'Allow' : 'Deny', destination: { [r() < 0.7 ? 'nets' : 'notNets']: [pick()] } }, { action: 'Allow' }];
      const ingress = [{ action: 'Deny', source: { nets: [pick()] } }, { action: 'Allow' }];
      const docs = [gnp('e', { selector: "app == 'web'", egress }), gnp('i', { selector: "app == 'db'", ingress })];
      const shape = (ips?: Record<string, string>) => inventory({
        x: { pods: Object.fromEntries(PODS.map((p, i) => [p, { labels: { app: i === 0 ? 'web' : 'db' }, ...(ips ? { ip: ips[p] } : {}) }])) },
      });
      const offline = model(shape(), docs);
      // Every region boundary, and the pod CIDR's first address: enough to reach every region.
      const candidates = [...new Set([0, ...cidrs.flatMap((c) => [c.start, c.start + c.size])].filter((n) => n < 65536))];
      const seen = new Map<string, Set<string>>();
      for (const a of candidates) for (const b of candidates) for (const c of candidates) {
        const live = model(shape({ a: ip(a), b: ip(b), c: ip(c) }), docs);
        for (const cell of live.cells) {
          const key = `${cell.from} ${cell.to} ${cell.port}/${cell.protocol}`;
          seen.set(key, (seen.get(key) ?? new Set()).add(cell.verdict));
        }
      }
      for (const cell of offline.cells) {
        const concrete = [...(seen.get(`${cell.from} ${cell.to} ${cell.port}/${cell.protocol}`) ?? [])];
        tally[cell.verdict === 'unknown' ? 'unknown' : 'known']++;
        if (cell.verdict === 'unknown') expect(concrete.sort(), `${cell.from} -> ${cell.to}: ${cell.unknownBecause}`).to.deep.equal(['allow', 'deny']);
        else expect(concrete, `${cell.from} -> ${cell.to} (${JSON.stringify({ egress, ingress })})`).to.deep.equal([cell.verdict]);
      }
    });
  }

  it('the random cases hold both unknown and known cells', () => {
    expect(tally.unknown).to.be.greaterThan(20);
    expect(tally.known).to.be.greaterThan(20);
  });
});
