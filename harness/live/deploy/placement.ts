// Which node each pod runs on: round-robin in inventory order, so that with two or more nodes
// both same-node and cross-node pairs exist.
import type { PodSpec } from '../../model/index.ts';
import { EnvironmentError } from '../../errors.ts';

export function placePods(pods: readonly PodSpec[], nodes: readonly string[]): Map<string, string> {
  if (nodes.length === 0) {
    throw new EnvironmentError('the cluster has no node to place probe pods on', { hint: 'check the cluster: npx tierprobe cluster status' });
  }
  return new Map(pods.map((p, i) => [podKey(p), nodes[i % nodes.length] ?? '']));
}

/** ns/pod: the address the model and the diff use. */
export function podKey(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}
