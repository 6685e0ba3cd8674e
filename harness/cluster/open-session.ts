import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError, UsageError } from '../errors.ts';
import type { Clock } from '../time/clock.ts';
import { Calicoctl } from './calico/calicoctl.ts';
import { readClusterStatus } from './cluster-status.ts';
import { KindCli } from './kind/kind-cli.ts';
import { KindProvider } from './kind/kind-provider.ts';
import { prepareImages } from './kind/prepared-images.ts';
import { repoRoot } from './paths.ts';
import { goldmaneProto } from '../flows/goldmane-client.ts';
import type { ClusterSession } from './session.ts';

export type ClusterChoice = { provider: 'kind'; kindConfig: string } | { provider: 'existing'; context?: string };

export interface SessionOptions {
  pull: 'auto' | 'never' | 'always';
  readyTimeoutMs: number;
  /** Contexts `existing` may use: --allow-context plus TIERPROBE_ALLOW_CONTEXTS. */
  allowContexts: readonly string[];
  log: (line: string) => void;
  clock: Clock;
  signal?: AbortSignal;
}

/** The contexts allowed by the environment variable, comma- or space-separated. */
export function contextsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env['TIERPROBE_ALLOW_CONTEXTS'] ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * Gets a cluster ready for a run. kind: `cluster up` (idempotent: an existing healthy
 * cluster only gets missing images loaded). existing: the context must be allowed
 * explicitly; nothing is installed, and the probe image is loaded only into kind clusters.
 */
export async function openSession(choice: ClusterChoice, o: SessionOptions): Promise<ClusterSession> {
  if (choice.provider === 'kind') {
    const configPath = existsSync(resolve(choice.kindConfig)) ? resolve(choice.kindConfig) : resolve(repoRoot, choice.kindConfig);
    const provider = new KindProvider({ configPath, log: o.log, clock: o.clock });
    const handle = await provider.up({ pull: o.pull, readyTimeoutMs: o.readyTimeoutMs, ...(o.signal ? { signal: o.signal } : {}) });
    const prepared = provider.prepared;
    const probeImage = prepared?.images.get('probe');
    if (!prepared || !probeImage) throw new Error('image preparation named no probe image');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(handle.kubeconfigPath);
    const status = await readClusterStatus(kc);
    return {
      provider: 'kind', kubeconfigPath: handle.kubeconfigPath, context: handle.context, nodes: [...handle.nodes].sort(),
      dockerNetwork: handle.dockerNetwork, probeImage,
      calico: new Calicoctl(prepared.calicoctl, handle.kubeconfigPath, handle.context),
      versions: { kubernetes: status.kubernetesVersion, calico: status.calicoVersion },
      goldmane: { namespace: 'calico-system', port: 7443, protoPath: goldmaneProto(prepared.calicoSrc) },
    };
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  const context = choice.context ?? kc.getCurrentContext();
  if (!o.allowContexts.includes(context)) {
    throw new UsageError(`context "${context}" is not allowed: tierprobe creates and deletes resources there. `
      + `Allow it with --allow-context ${context} or TIERPROBE_ALLOW_CONTEXTS=${context}`);
  }
  if (!kc.getContextObject(context)) throw new UsageError(`no context "${context}" in the kubeconfig`);
  kc.setCurrentContext(context);
  const kubeconfigPath = (process.env['KUBECONFIG'] ?? '').split(':')[0] || resolve(process.env['HOME'] ?? '/root', '.kube/config');
  const prepared = await prepareImages(['kind', 'calicoctl', 'probe'], o.pull, o.log, o.signal);
  const probeImage = prepared.images.get('probe');
  if (!probeImage) throw new Error('image preparation named no probe image');
  const status = await readClusterStatus(kc).catch((cause: unknown) => {
    throw new EnvironmentError(`the API server of context "${context}" does not answer`, { hint: `check it with: kubectl --context ${context} get nodes` }, { cause });
  });
  const kindName = /^kind-(.+)$/.exec(context)?.[1];
  if (kindName) await new KindCli(prepared.kind).load(kindName, [probeImage]);
  return {
    provider: 'existing', kubeconfigPath, context, nodes: status.nodes.map((n) => n.name).sort(), probeImage,
    calico: new Calicoctl(prepared.calicoctl, kubeconfigPath, context),
    versions: { kubernetes: status.kubernetesVersion, calico: status.calicoVersion },
  };
}
