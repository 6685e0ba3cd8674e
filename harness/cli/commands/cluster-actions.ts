// tierprobe cluster up|down|status, the implementation: loaded only when the verb runs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exitCodes, type ExitCode } from '../../errors.ts';
import { KindProvider, isReady, repoRoot, type ClusterStatus } from '../../cluster/index.ts';
import { systemClock } from '../../time/clock.ts';
import type { Deps } from '../command.ts';
import type { ClusterOptions } from './cluster.ts';
import { withInterrupts } from '../interrupts.ts';

export function statusTable(s: ClusterStatus): string {
  if (!s.exists) return 'no cluster\n';
  const rows = [...s.nodes.map((n) => ({ ...n, name: `node/${n.name}` })), ...s.components];
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => `${r.ready ? '✓' : '✗'} ${r.name.padEnd(width)}  ${r.detail}`);
  lines.push(`Kubernetes ${s.kubernetesVersion ?? 'unknown'}, Calico ${s.calicoVersion ?? 'unknown'}`);
  return `${lines.join('\n')}\n`;
}

export async function run(o: ClusterOptions, deps: Deps): Promise<ExitCode> {
  // A relative config path is looked up from here, then from the tierprobe checkout.
  const here = resolve(o.config);
  const configPath = existsSync(here) ? here : resolve(repoRoot, o.config);
  const provider = new KindProvider({ configPath, log: (l) => deps.stderr(`${l}\n`), clock: systemClock, ...(deps.tasks ? { tasks: deps.tasks } : {}) });
  const t0 = systemClock.now();
  if (o.action === 'up') {
    const handle = await withInterrupts(deps, 'cluster up', (signal) => provider.up({ pull: o.pull, readyTimeoutMs: o.readyTimeout * 1000, signal }));
    deps.stderr(`cluster up in ${((systemClock.now() - t0) / 1000).toFixed(1)} s\n`);
    deps.stdout(statusTable(await provider.status()));
    deps.stdout(`kubeconfig: ${handle.kubeconfigPath} (context ${handle.context})\n`);
    return exitCodes.ok;
  }
  if (o.action === 'down') {
    await provider.down();
    deps.stderr(`cluster down in ${((systemClock.now() - t0) / 1000).toFixed(1)} s\n`);
    return exitCodes.ok;
  }
  const status = await provider.status();
  deps.stdout(statusTable(status));
  return isReady(status) ? exitCodes.ok : exitCodes.environment;
}

