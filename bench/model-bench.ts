// npm run bench [-- --staged]: compile and evaluate the generated cluster; print cells/s, wall and CPU time.
import { compilePolicies, evaluate, identify } from '../harness/model/index.ts';
import { generateInventory, generatePolicies, type BenchShape } from './generate-cluster.ts';

const shape: BenchShape = { namespaces: 100, podsPerNamespace: 10, staged: process.argv.includes('--staged') };

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const inventory = generateInventory(shape);
const docs = generatePolicies(shape);
const t1 = performance.now();
const { policies, problems } = compilePolicies(docs);
const t2 = performance.now();
const cells = evaluate(inventory, policies);
const t3 = performance.now();
const cpu = process.cpuUsage(cpu0);

if (problems.length > 0) {
  console.error(`bench policies have ${problems.length} problems, first: ${JSON.stringify(problems[0])}`);
  process.exitCode = 1;
}
const policyDocs = docs.filter((d) => !/^(Tier|GlobalNetworkSet)$/.test(identify(d.doc)?.kind ?? '')).length;
const denied = cells.filter((c) => c.verdict === 'deny').length;
const total = (t3 - t1) / 1000;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log([
  `cluster: ${inventory.namespaces.length} namespaces x ${shape.podsPerNamespace} pods, ${inventory.externals.length} externals, 4 ports; ` +
    `${policyDocs} policies${shape.staged ? ' (+ staged)' : ''}`,
  `cells: ${cells.length} (${denied} deny)`,
  `compile: ${(t2 - t1).toFixed(0)} ms, evaluate: ${(t3 - t2).toFixed(0)} ms, generate: ${(t1 - t0).toFixed(0)} ms`,
  `total (compile + evaluate): ${total.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (whole run)`,
  `throughput: ${Math.round(cells.length / total).toLocaleString('en-US')} cells/s wall`,
  `heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
].join('\n'));
