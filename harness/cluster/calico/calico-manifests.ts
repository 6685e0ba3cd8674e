import { parseAllDocuments, stringify } from 'yaml';

/** How tierprobe runs Calico in kind: VXLAN everywhere, iptables, flow logs to Goldmane. */
export interface CalicoSettings {
  podCidr: string;
  /** host:port of Goldmane's Service, reachable from the host network. */
  goldmaneAddress: string;
  /** How often Felix flushes flow logs, in seconds (Calico's default is 300). */
  flowLogsFlushSeconds: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
  return cur;
}

function docs(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown).filter(isObj);
}

function render(objects: Obj[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

function isKind(o: Obj, kind: string, name: string): boolean {
  return o['kind'] === kind && at(o, 'metadata', 'name') === name;
}

/** Sets env vars on a container, replacing any of the same name. */
function setEnv(container: Obj, vars: Record<string, string>): void {
  const env = Array.isArray(container['env']) ? (container['env'] as unknown[]).filter(isObj) : [];
  const kept = env.filter((e) => !(typeof e['name'] === 'string' && e['name'] in vars));
  container['env'] = [...kept, ...Object.entries(vars).map(([name, value]) => ({ name, value }))];
}

/**
 * Calico's own calico-vxlan.yaml, adjusted for kind: the pool CIDR of the kind config,
 * VXLAN Always (CrossSubnet means no encapsulation on kind's single subnet), no XDP,
 * no eBPF bootstrap, no BPF clean-up, and Felix sending flow logs to Goldmane often.
 */
export function patchCalicoManifest(text: string, s: CalicoSettings): string {
  const objects = docs(text);
  const ds = objects.find((o) => isKind(o, 'DaemonSet', 'calico-node'));
  const spec = at(ds, 'spec', 'template', 'spec');
  if (!isObj(spec)) throw new Error('calico manifest: no calico-node DaemonSet');
  if (Array.isArray(spec['initContainers'])) {
    spec['initContainers'] = (spec['initContainers'] as unknown[]).filter((c) => !(isObj(c) && c['name'] === 'ebpf-bootstrap'));
  }
  const node = (Array.isArray(spec['containers']) ? (spec['containers'] as unknown[]) : []).find((c) => isObj(c) && c['name'] === 'calico-node');
  if (!isObj(node)) throw new Error('calico manifest: no calico-node container');
  setEnv(node, {
    CALICO_IPV4POOL_CIDR: s.podCidr,
    CALICO_IPV4POOL_VXLAN: 'Always',
    CALICO_IPV4POOL_IPIP: 'Never',
    FELIX_XDPENABLED: 'false',
    FELIX_FLOWLOGSGOLDMANESERVER: s.goldmaneAddress,
    FELIX_FLOWLOGSFLUSHINTERVAL: String(s.flowLogsFlushSeconds),
    // Our calico-node is built without cgo, so without libbpf. In iptables mode Felix still
    // cleans up a BPF connect-time load balancer at start, which opens BPF objects and
    // panics in the stub ("LIBBPF syscall stub"). A fresh kind node has none to clean.
    FELIX_DebugSkipCTLBCleanup: 'true',
  });
  return render(objects);
}
