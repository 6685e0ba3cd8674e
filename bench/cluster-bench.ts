// npm run bench:cluster: how long the cluster takes, measured. It deletes and recreates the
// default kind cluster. Figures: warm image preparation, cluster down, cluster up to all Ready.
import { KindProvider, repoRoot } from '../harness/cluster/index.ts';
import { prepareImages } from '../harness/cluster/kind/prepared-images.ts';
import { systemClock } from '../harness/time/clock.ts';
import { join } from 'node:path';

const log = (l: string) => process.stderr.write(`  ${l}\n`);
const seconds = (t0: number) => ((systemClock.now() - t0) / 1000).toFixed(1);
const provider = new KindProvider({ configPath: join(repoRoot, 'kind-config', 'default.yaml'), log, clock: systemClock });

let t0 = systemClock.now();
await prepareImages(['kind', 'calicoctl', 'kubernetes', 'calico', 'probe'], 'auto', log);
const prepare = seconds(t0);
t0 = systemClock.now();
await provider.down();
const down = seconds(t0);
t0 = systemClock.now();
await provider.up({ pull: 'auto', readyTimeoutMs: 300_000 });
const up = seconds(t0);
console.log(`image preparation (warm): ${prepare} s`);
console.log(`cluster down:             ${down} s`);
console.log(`cluster up to all Ready:  ${up} s`);
