// The Kubernetes API clients of one run, all bound to the session's kubeconfig and context.
import * as k8s from '@kubernetes/client-node';
import type { ClusterSession } from '../cluster/session.ts';
import { RawObjectApi } from './raw-object-api.ts';

export interface KubeClients {
  config: k8s.KubeConfig;
  core: k8s.CoreV1Api;
  objects: k8s.KubernetesObjectApi;
  /** Objects sent and read back exactly as JSON (no typed model in between). */
  raw: RawObjectApi;
  exec: k8s.Exec;
  watch: k8s.Watch;
}

export function kubeClients(session: Pick<ClusterSession, 'kubeconfigPath' | 'context'>): KubeClients {
  const config = new k8s.KubeConfig();
  config.loadFromFile(session.kubeconfigPath);
  config.setCurrentContext(session.context);
  return {
    config,
    core: config.makeApiClient(k8s.CoreV1Api),
    objects: k8s.KubernetesObjectApi.makeApiClient(config),
    raw: config.makeApiClient(RawObjectApi),
    exec: new k8s.Exec(config),
    watch: new k8s.Watch(config),
  };
}
