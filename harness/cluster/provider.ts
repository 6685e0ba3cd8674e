/** What a cluster provider does. kind creates and deletes; existing only connects. */
export interface ClusterProvider {
  readonly name: 'kind' | 'existing';
  /** Makes the cluster exist and be Ready, Calico included; returns how to reach it. */
  up(opts: UpOptions): Promise<ClusterHandle>;
  /** Deletes what this provider created. A no-op for `existing`. */
  down(): Promise<void>;
  status(): Promise<ClusterStatus>;
}

export interface UpOptions {
  /** Images: pull where a registry answers (auto), only build (never), only pull (always). */
  pull: 'auto' | 'never' | 'always';
  /** How long Calico and the nodes may take to become Ready. */
  readyTimeoutMs: number;
  /** SIGINT/SIGTERM: stops preparation, kind and the waits; a cluster half made is deleted. */
  signal?: AbortSignal;
}

export interface ClusterHandle {
  kubeconfigPath: string;
  context: string;
  /** Docker network the nodes sit on, for externals; undefined for existing clusters. */
  dockerNetwork?: string;
  nodes: string[];
}

export interface ComponentStatus {
  name: string;
  ready: boolean;
  detail: string;
}

export interface ClusterStatus {
  exists: boolean;
  nodes: ComponentStatus[];
  components: ComponentStatus[];
  calicoVersion?: string;
  /** Set where the cluster runs a Calico variant (Enterprise), whose semantics the model does not know. */
  calicoVariant?: string;
  kubernetesVersion?: string;
}

export function isReady(s: ClusterStatus): boolean {
  return s.exists && s.nodes.length > 0 && [...s.nodes, ...s.components].every((c) => c.ready);
}
