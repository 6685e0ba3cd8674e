import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError, UsageError } from '../errors.ts';
import type { Clock } from '../time/clock.ts';
import { assertContextAllowed } from './allowed-context.ts';
import { Calicoctl } from './calico/calicoctl.ts';
import { readClusterStatus } from './cluster-status.ts';
import { existingGoldmane } from './existing-goldmane.ts';
import { KindCli } from './kind/kind-cli.ts';
import { KindProvider } from './kind/kind-provider.ts';
import { prepareImages } from './kind/prepared-images.ts';
import type { TaskStarter } from '../progress/progress.ts';
import { repoRoot } from './paths.ts';
import { kindTolerations, schedulableNodes } from './schedulable-nodes.ts';
import { goldmaneProto } from '../flows/goldmane-client.ts';
import type { ClusterSession } from './session.ts';

export type ClusterChoice = { provider: 'kind'; kindConfig: string } | { provider: 'existing'; context?: string; probeImage?: string };

export interface SessionOptions {
  pull: 'auto' | 'never' | 'always';
  readyTimeoutMs: number;
  /** Contexts `existing` may use: --allow-context plus TIERPROBE_ALLOW_CONTEXTS. */
  allowContexts: readonly string[];
  log: (line: string) => void;
  clock: Clock;
  signal?: AbortSignal;
  /** Long work as bars (a terminal); default: lines through log. */
  tasks?: TaskStarter;
  /** existing: the probe image from a registry (--probe-image), over the scenario's cluster.probeImage. */
  probeImage?: string;
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
    const provider = new KindProvider({ configPath, log: o.log, clock: o.clock, ...(o.tasks ? { tasks: o.tasks } : {}) });
    const handle = await provider.up({ pull: o.pull, readyTimeoutMs: o.readyTimeoutMs, ...(o.signal ? { signal: o.signal } : {}) });
    const prepared = provider.prepared;
    const probeImage = prepared?.images.get('probe');
    if (!prepared || !probeImage) throw new Error('image preparation named no probe image');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(handle.kubeconfigPath);
    const status = await readClusterStatus(kc);
    return {
      provider: 'kind', kubeconfigPath: handle.kubeconfigPath, context: handle.context, ...await probeNodes(kc, kindTolerations, o.log),
      dockerNetwork: handle.dockerNetwork, probeImage,
      calico: new Calicoctl(prepared.calicoctl, handle.kubeconfigPath, handle.context),
      versions: { kubernetes: status.kubernetesVersion, calico: status.calicoVersion, ...(status.calicoVariant ? { calicoVariant: status.calicoVariant } : {}) },
      goldmane: { namespace: 'calico-system', port: 7443, protoPath: goldmaneProto(prepared.calicoSrc) },
    };
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  const context = choice.context ?? kc.getCurrentContext();
  assertContextAllowed(context, o.allowContexts, 'tierprobe creates and deletes resources there');
  if (!kc.getContextObject(context)) throw new UsageError(`no context "${context}" in the kubeconfig`);
  kc.setCurrentContext(context);
  const kubeconfigPath = (process.env['KUBECONFIG'] ?? '').split(':')[0] || resolve(process.env['HOME'] ?? '/root', '.kube/config');
  // A registry image is pulled by the nodes as usual (IfNotPresent); otherwise it is built here.
  const registryImage = o.probeImage ?? choice.probeImage;
  const prepared = await prepareImages(registryImage ? ['kind', 'calicoctl'] : ['kind', 'calicoctl', 'probe'], o.pull, o.log, o.signal);
  const probeImage = registryImage ?? prepared.images.get('probe');
  if (!probeImage) throw new Error('image preparation named no probe image');
  const status = await readClusterStatus(kc).catch((cause: unknown) => {
    throw new EnvironmentError(`the API server of context "${context}" does not answer`, { hint: `check it with: kubectl --context ${context} get nodes` }, { cause });
  });
  const kindName = /^kind-(.+)$/.exec(context)?.[1];
  if (kindName && !registryImage) await new KindCli(prepared.kind, o.signal).load(kindName, [probeImage]);
  if (!kindName && !registryImage) {
    throw new UsageError(`context "${context}" is no kind cluster, so the probe image built here cannot be loaded into its nodes: `
      + 'push it to a registry the cluster pulls from and pass --probe-image REF (or cluster.probeImage); the README says how to build and push it');
  }
  return {
    provider: 'existing', kubeconfigPath, context, ...await probeNodes(kc, [], o.log), probeImage,
    calico: new Calicoctl(prepared.calicoctl, kubeconfigPath, context),
    versions: { kubernetes: status.kubernetesVersion, calico: status.calicoVersion, ...(status.calicoVariant ? { calicoVariant: status.calicoVariant } : {}) },
    ...await existingGoldmane(kc, prepared.calicoSrc, o.log),
  };
}

/** The nodes probe pods may use, and what they tolerate; the nodes left out are told. */
async function probeNodes(kc: k8s.KubeConfig, tolerations: k8s.V1Toleration[], log: (line: string) => void): Promise<{ nodes: string[]; tolerations: k8s.V1Toleration[] }> {
  const list = await kc.makeApiClient(k8s.CoreV1Api).listNode().catch((cause: unknown) => {
    throw new EnvironmentError('the API server does not list its nodes', { hint: 'tierprobe needs to list nodes (harness/rbac/tierprobe-run.yaml)' }, { cause });
  });
  const choice = schedulableNodes(list.items, tolerations);
  for (const s of choice.skipped) log(`node ${s.name} takes no probe pods: ${s.why}`);
  if (choice.usable.length === 0) {
    throw new EnvironmentError('no node can take probe pods (every one is not Ready, cordoned, or tainted)', { hint: 'see the lines above; untaint or uncordon a node, or add one' });
  }
  return { nodes: choice.usable, tolerations };
}
