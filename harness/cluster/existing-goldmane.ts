// Goldmane on a cluster tierprobe does not own (provider existing): found read-only by
// harness/flows/goldmane-discovery.ts. Not finding it never stops a session: the reason is
// kept (ClusterSession.goldmaneUnavailable) for the run to say, and to refuse without --no-flows.
import { existsSync } from 'node:fs';
import type * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';
import { discoverGoldmane, type DiscoveryOptions, type GoldmaneEndpoint } from '../flows/goldmane-discovery.ts';
import { goldmaneProto } from '../flows/goldmane-client.ts';
import { calicoModuleDir } from './calico/calico-module.ts';
import type { ClusterSession } from './session.ts';

export type GoldmaneOfSession = Pick<ClusterSession, 'goldmane' | 'goldmaneUnavailable'>;

/** calicoSrc: the Calico module's directory where image preparation named it ('' where not: Go is asked). */
export async function existingGoldmane(kc: k8s.KubeConfig, calicoSrc: string, log: (line: string) => void, discovery: DiscoveryOptions = {}): Promise<GoldmaneOfSession> {
  const unavailable = (reason: string): GoldmaneOfSession => {
    log(`flow logs cannot be read: ${reason}`);
    return { goldmaneUnavailable: reason };
  };
  let found: GoldmaneEndpoint;
  try {
    found = await discoverGoldmane(kc, discovery);
  } catch (e) {
    return unavailable(e instanceof EnvironmentError ? `${e.message}; ${e.hint}` : `looking for Goldmane failed unexpectedly (a bug in tierprobe): ${e instanceof Error ? e.message : String(e)}`);
  }
  let protoPath: string;
  try {
    protoPath = goldmaneProto(calicoSrc || await calicoModuleDir());
  } catch (e) {
    return unavailable(`Goldmane's API (goldmane/proto/api.proto of the Calico module) is not at hand: go list -m github.com/projectcalico/calico failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); npx tierprobe cluster up prepares that module`);
  }
  if (!existsSync(protoPath)) return unavailable(`Goldmane's API is not at ${protoPath}`);
  log(`Goldmane: ${found.namespace}, port ${found.port}, ${found.tls ? `mutual TLS (server name ${found.tls.serverName})` : 'plain gRPC'}`);
  return { goldmane: { ...found, protoPath } };
}
