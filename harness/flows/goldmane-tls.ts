// How Goldmane serves, read from its pod spec the way Goldmane reads its own configuration,
// and whether a client certificate would pass its check. Pure: no API, no files.
//
// Goldmane (calico goldmane/pkg/daemon) listens on PORT (default 443) and serves TLS when
// SERVER_CERT_PATH and SERVER_KEY_PATH are both set; it then requires a client certificate
// that chains to a CA in the bundle at CA_CERT_PATH (crypto/pkg/tls NewMutualTLSConfig:
// RequireAndVerifyClientCert). The Tigera operator sets all three and mounts the files from
// the Secret goldmane-key-pair and the ConfigMap goldmane-ca-bundle; tierprobe's own kind
// install sets none of them (plain gRPC).
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import type { V1Container, V1PodSpec, V1Volume } from '@kubernetes/client-node';

/** A file Goldmane's container reads, traced to the API object that holds it. */
export type MountedFile =
  | { path: string; source: 'secret' | 'configMap'; name: string; key: string }
  /** Not in any object tierprobe can read: why. */
  | { path: string; source: 'none'; why: string };

export type GoldmaneServing =
  | { mode: 'plain'; port: number }
  /** Mutual TLS: a client certificate must chain to a CA in clientCa (which also holds the CA of the server's). */
  | { mode: 'mtls'; port: number; serverCert: MountedFile; clientCa: MountedFile }
  /** The pod spec does not say (a value from elsewhere, no goldmane container): why. */
  | { mode: 'unknown'; why: string };

/** Goldmane's own default (goldmane/pkg/daemon Config.Port). */
const defaultPort = 443;

/** How the Goldmane container of this pod spec (a Deployment's template, or a pod's) serves. */
export function goldmaneServing(spec: V1PodSpec): GoldmaneServing {
  const containers = spec.containers;
  const c = containers.find((x) => x.name === 'goldmane') ?? (containers.length === 1 ? containers[0] : undefined);
  if (!c) return { mode: 'unknown', why: `no container named goldmane among ${containers.map((x) => x.name).join(', ')}` };
  const env = literalEnv(c);
  if (typeof env === 'string') return { mode: 'unknown', why: env };
  const portText = env.get('PORT');
  const port = portText === undefined || portText === '' ? defaultPort : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { mode: 'unknown', why: `container goldmane has PORT=${portText ?? ''}, no port` };
  const certPath = env.get('SERVER_CERT_PATH');
  const keyPath = env.get('SERVER_KEY_PATH');
  if (!certPath || !keyPath) return { mode: 'plain', port };
  const caPath = env.get('CA_CERT_PATH');
  // Goldmane reads the file at "" and fails to start: no running pod would serve this spec.
  if (!caPath) return { mode: 'unknown', why: 'container goldmane serves TLS (SERVER_CERT_PATH, SERVER_KEY_PATH) but sets no CA_CERT_PATH, which Goldmane needs to check clients' };
  return { mode: 'mtls', port, serverCert: mountedFile(spec, c, certPath), clientCa: mountedFile(spec, c, caPath) };
}

/** The container's environment where every value tierprobe needs is literal; else why not. */
function literalEnv(c: V1Container): Map<string, string> | string {
  const wanted = ['PORT', 'SERVER_CERT_PATH', 'SERVER_KEY_PATH', 'CA_CERT_PATH'];
  const env = new Map<string, string>();
  for (const e of c.env ?? []) {
    if (!wanted.includes(e.name)) continue;
    if (e.valueFrom) return `container ${c.name} takes ${e.name} from ${Object.keys(e.valueFrom).join(', ')}; tierprobe reads only literal values`;
    env.set(e.name, e.value ?? '');
  }
  const unset = wanted.filter((w) => !env.has(w));
  if (unset.length > 0 && (c.envFrom ?? []).length > 0) return `container ${c.name} may set ${unset.join(', ')} through envFrom; tierprobe reads only literal values`;
  return env;
}

/** Which Secret or ConfigMap key a path inside the container is (the longest mount that holds it). */
export function mountedFile(spec: V1PodSpec, c: V1Container, path: string): MountedFile {
  const trim = (p: string) => p.replace(/\/+$/, '');
  const mount = (c.volumeMounts ?? [])
    .filter((m) => path === trim(m.mountPath) || path.startsWith(`${trim(m.mountPath)}/`))
    .sort((a, b) => trim(b.mountPath).length - trim(a.mountPath).length)[0];
  if (!mount) return { path, source: 'none', why: `no volume is mounted at ${path} in container ${c.name} (a file of the image)` };
  const below = path.slice(trim(mount.mountPath).length + 1);
  const inVolume = mount.subPath ? [mount.subPath, below].filter(Boolean).join('/') : below;
  const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
  if (!volume) return { path, source: 'none', why: `volume ${mount.name} is mounted but not defined` };
  return fileOfVolume(path, volume, inVolume);
}

function fileOfVolume(path: string, v: V1Volume, inVolume: string): MountedFile {
  const keyOf = (items: { key: string; path: string }[] | undefined) => (items ? items.find((i) => i.path === inVolume)?.key : inVolume);
  const pick = (source: 'secret' | 'configMap', name: string | undefined, items: { key: string; path: string }[] | undefined): MountedFile => {
    const key = keyOf(items);
    if (!name) return { path, source: 'none', why: `volume ${v.name} names no ${source}` };
    if (!key || key.includes('/')) return { path, source: 'none', why: `${source} ${name} (volume ${v.name}) has no key for ${inVolume}` };
    return { path, source, name, key };
  };
  if (v.secret) return pick('secret', v.secret.secretName, v.secret.items);
  if (v.configMap) return pick('configMap', v.configMap.name, v.configMap.items);
  const sources = v.projected?.sources ?? [];
  // A projected volume: the source whose items name the file, or its only source.
  const named = sources.find((s) => (s.secret?.items ?? s.configMap?.items ?? []).some((i) => i.path === inVolume));
  const only = sources.length === 1 ? sources[0] : undefined;
  const s = named ?? only;
  if (s?.secret) return pick('secret', s.secret.name, s.secret.items);
  if (s?.configMap) return pick('configMap', s.configMap.name, s.configMap.items);
  if (v.emptyDir) return { path, source: 'none', why: `volume ${v.name} is an emptyDir: the file is made inside the pod (the operator's certificateManagement, by a CSR), not kept in the API` };
  return { path, source: 'none', why: `volume ${v.name} (${Object.keys(v).filter((k) => k !== 'name').join(', ')}) is no Secret or ConfigMap tierprobe can read` };
}

/** The certificates of a PEM text (a bundle may carry comments between them, as the operator's does). */
export function pemCertificates(pem: Buffer | string): X509Certificate[] {
  const blocks = String(pem).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

const clientAuth = '1.3.6.1.5.5.7.3.2';
const anyExtendedKeyUsage = '2.5.29.37.0';

/**
 * Why Goldmane would refuse this client key pair (a kubernetes.io/tls Secret's tls.crt and
 * tls.key) against its CA bundle at `now`, as Go's RequireAndVerifyClientCert decides: the key
 * must match, the certificate be valid now, allow client authentication where it lists
 * extended key usages, and chain (through the certificates after it in tls.crt) to one in the
 * bundle. undefined: it would be accepted.
 */
export function clientCertificateProblem(pair: { cert: Buffer; key: Buffer }, caBundle: Buffer, now: Date): string | undefined {
  let chain: X509Certificate[];
  try {
    chain = pemCertificates(pair.cert);
  } catch (e) {
    return `tls.crt does not parse: ${e instanceof Error ? e.message : String(e)}`;
  }
  const leaf = chain[0];
  if (!leaf) return 'tls.crt holds no PEM certificate';
  let key: KeyObject;
  try {
    key = createPrivateKey(pair.key);
  } catch {
    return 'tls.key holds no private key';
  }
  if (!leaf.checkPrivateKey(key)) return 'tls.key is not the key of the certificate in tls.crt';
  if (now < leaf.validFromDate) return `its certificate is valid only from ${leaf.validFromDate.toISOString()}`;
  if (now > leaf.validToDate) return `its certificate expired on ${leaf.validToDate.toISOString()}`;
  const usages = leaf.keyUsage;
  if (usages && usages.length > 0 && !usages.includes(clientAuth) && !usages.includes(anyExtendedKeyUsage)) {
    return 'its certificate may not authenticate a client (its extended key usage lacks clientAuth)';
  }
  let roots: X509Certificate[];
  try {
    roots = pemCertificates(caBundle);
  } catch (e) {
    return `the CA bundle does not parse: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (roots.length === 0) return 'the CA bundle holds no certificate';
  if (!chainsTo(leaf, chain.slice(1), roots, 5)) return `its certificate (issuer ${oneLine(leaf.issuer)}) is not signed by a CA in the bundle (${roots.map((r) => oneLine(r.subject)).join('; ')})`;
  return undefined;
}

/** Go's x509 Verify, as far as a client check needs: a root is the certificate itself or signed it, through intermediates. */
function chainsTo(cert: X509Certificate, intermediates: X509Certificate[], roots: X509Certificate[], depth: number): boolean {
  if (roots.some((r) => r.raw.equals(cert.raw) || signed(r, cert))) return true;
  if (depth === 0) return false;
  return intermediates.some((i) => !i.raw.equals(cert.raw) && signed(i, cert) && chainsTo(i, intermediates, roots, depth - 1));
}

function signed(issuer: X509Certificate, cert: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

function oneLine(dn: string): string {
  return dn.split('\n').join(', ');
}
