// The cluster side of tierprobe: providers, image preparation, the session runs use.
export type { ClusterProvider, ClusterHandle, ClusterStatus, ComponentStatus, UpOptions } from './provider.ts';
export { isReady } from './provider.ts';
export type { ClusterSession, CalicoResourceClient } from './session.ts';
export { KindProvider } from './kind/kind-provider.ts';
export { Calicoctl } from './calico/calicoctl.ts';
export { repoRoot } from './paths.ts';
export { openSession, contextsFromEnv, type SessionOptions, type ClusterChoice } from './open-session.ts';
