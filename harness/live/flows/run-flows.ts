// The flow-log leg of a run: Goldmane opened once, its timing read, the bucket grid learned.
// Without Goldmane the run stops here (exit 3) unless --no-flows said to go on without it.
import type { ClusterSession } from '../../cluster/session.ts';
import { EnvironmentError } from '../../errors.ts';
import { openGoldmane, type GoldmaneReader } from '../../flows/goldmane-client.ts';
import type { KubeClients } from '../kube-clients.ts';
import type { Logger } from '../logger.ts';
import { BucketGrid } from './bucket-grid.ts';
import { readFlowSettings, type FlowSettings } from './flow-settings.ts';

export interface RunFlows extends AsyncDisposable {
  reader: GoldmaneReader;
  settings: FlowSettings;
  grid: BucketGrid;
  allowMissing: boolean;
}

/** What results.json says about the flow-log leg. */
export type FlowLeg = { checked: true; settings: FlowSettings } | { checked: false; why: string };

export async function openRunFlows(clients: KubeClients, session: ClusterSession, o: { allowMissing: boolean; logger: Logger }): Promise<RunFlows> {
  const g = session.goldmane;
  const unavailable = session.goldmaneUnavailable;
  if (!g) {
    throw new EnvironmentError(`no flow logs to check: ${unavailable ?? `tierprobe found no Goldmane on ${session.context}`}`, {
      hint: 'Goldmane (Calico 3.30+) records what each policy did; run with --no-flows to go on without the flow-log leg (the report then says it was not checked)',
    });
  }
  const reader = await openGoldmane({ kubeconfig: clients.config, namespace: g.namespace, port: g.port, protoPath: g.protoPath, ...(g.tls ? { tls: g.tls } : {}),
    ...(session.versions.calico ? { calicoVersion: session.versions.calico } : {}) });
  try {
    // One look back: Goldmane answers, and the newest bucket tells the grid.
    const flows = await reader.list({ startTimeGte: Math.floor(Date.now() / 1000) - 120 });
    const settings = await readFlowSettings(clients, g.namespace);
    const grid = new BucketGrid(settings.windowSeconds);
    grid.learn(flows.map((f) => f.flow.start_time));
    o.logger.info(`flow evidence from Goldmane in ${g.namespace}: Felix flushes every ${settings.flushSeconds} s (${settings.from.flush}), buckets of ${settings.windowSeconds} s (${settings.from.window})`
      + `; each step waits about ${Math.round(5.5 + Math.max(1.5 * settings.windowSeconds, 1.1 * settings.flushSeconds) + 1.1 * settings.flushSeconds + 1)} s for its evidence after converging (--no-flows skips it)`);
    return { reader, settings, grid, allowMissing: o.allowMissing, [Symbol.asyncDispose]: () => reader[Symbol.asyncDispose]() };
  } catch (e) {
    await reader[Symbol.asyncDispose]();
    throw e;
  }
}
