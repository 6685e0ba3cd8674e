// Finds Goldmane on a cluster tierprobe did not install, read-only, and what it takes to read
// its flows: its Deployment and a Running pod in calico-system, how it serves (goldmane-tls.ts),
// and under mutual TLS the CA bundle it checks clients against plus a client key pair it would
// accept. Anything missing is an EnvironmentError naming the object and, where RBAC refused,
// the verb; the caller decides whether that stops a run.
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';
import type { GoldmaneTls } from './goldmane-client.ts';
import { clientCertificateProblem, goldmaneServing, type MountedFile } from './goldmane-tls.ts';

/** Where Goldmane answers: a pod labelled k8s-app=goldmane in `namespace`, on `port` (the pod's). */
export interface GoldmaneEndpoint {
  namespace: string;
  port: number;
  /**
   * Set where Goldmane requires mutual TLS; absent: plain gRPC. ca: the bundle Goldmane checks
   * clients against (the operator's CA, which signed Goldmane's certificate too); cert and key:
   * a client key pair it accepts (PEM); serverName: a name in Goldmane's certificate, since the
   * connection goes to 127.0.0.1 through a port-forward.
   */
  tls?: GoldmaneTls & { serverName: string };
}

export interface DiscoveryOptions {
  namespace?: string;
  /**
   * Secrets (in namespace) holding a client key pair, tried in order. Whisker's backend reads
   * Goldmane's Flows API with whisker-backend-key-pair; Felix's node-certs would pass too but
   * is Felix's identity towards Typha, so tierprobe does not ask for it.
   */
  clientSecrets?: readonly string[];
  now?: () => Date;
}

export const goldmaneNamespace = 'calico-system';
export const defaultClientSecrets = ['whisker-backend-key-pair'] as const;
const rbacFile = 'harness/rbac/tierprobe-run.yaml';

export async function discoverGoldmane(kc: k8s.KubeConfig, o: DiscoveryOptions = {}): Promise<GoldmaneEndpoint> {
  const namespace = o.namespace ?? goldmaneNamespace;
  const core = kc.makeApiClient(k8s.CoreV1Api);
  // The Deployment tells "not installed" (Calico before 3.30, or no Goldmane resource) from "not running".
  await kc.makeApiClient(k8s.AppsV1Api).readNamespacedDeployment({ name: 'goldmane', namespace }).catch((e: unknown) => {
    if (status(e) === 404) {
      throw new EnvironmentError(`no Goldmane: Deployment ${namespace}/goldmane does not exist (Goldmane comes with Calico 3.30 and later; the Tigera operator installs it for a Goldmane resource named default)`, {
        hint: 'install Goldmane (operator: kubectl apply a Goldmane and a Whisker resource, apiVersion operator.tigera.io/v1, name default), or run without flow logs (--no-flows)',
      }, { cause: e });
    }
    throw refused(`get deployments.apps goldmane in ${namespace}`, e);
  });
  const pods = await core.listNamespacedPod({ namespace, labelSelector: 'k8s-app=goldmane' }).catch((e: unknown) => {
    throw refused(`list pods in ${namespace} (label k8s-app=goldmane)`, e);
  });
  const running = pods.items.find((p) => p.status?.phase === 'Running');
  if (!running?.spec) {
    const seen = pods.items.map((p) => `${p.metadata?.name ?? '?'} ${p.status?.phase ?? 'no phase'}`).join(', ');
    throw new EnvironmentError(`Goldmane has no Running pod in ${namespace} (${seen || 'no pod labelled k8s-app=goldmane'})`, {
      hint: `see why: kubectl -n ${namespace} describe deployment goldmane; or run without flow logs (--no-flows)`,
    });
  }
  // The running pod's spec is what serves (the Deployment's may be rolling out); it has the same shape.
  const serving = goldmaneServing(running.spec);
  if (serving.mode === 'unknown') {
    throw new EnvironmentError(`cannot tell how Goldmane serves (pod ${namespace}/${running.metadata?.name ?? '?'}): ${serving.why}`, {
      hint: 'run without flow logs (--no-flows), and tell the tierprobe maintainers how this Goldmane is configured',
    });
  }
  if (serving.mode === 'plain') return { namespace, port: serving.port };
  const ca = await mountedBytes(core, namespace, serving.clientCa, 'the CA bundle Goldmane checks clients against');
  const pair = await clientKeyPair(core, namespace, o.clientSecrets ?? defaultClientSecrets, ca, serving.clientCa, (o.now ?? (() => new Date()))());
  return { namespace, port: serving.port, tls: { ca, ...pair, serverName: `goldmane.${namespace}.svc` } };
}

/** The bytes of a Secret or ConfigMap key a container mounts. */
async function mountedBytes(core: k8s.CoreV1Api, namespace: string, f: MountedFile, what: string): Promise<Buffer> {
  if (f.source === 'none') {
    throw new EnvironmentError(`${what} at ${f.path} cannot be read through the API: ${f.why}`, { hint: 'run without flow logs (--no-flows)' });
  }
  const object = objectName(f, namespace);
  const data = await (f.source === 'secret'
    ? core.readNamespacedSecret({ name: f.name, namespace }).then((s) => fromBase64(s.data?.[f.key]))
    : core.readNamespacedConfigMap({ name: f.name, namespace }).then((c) => {
      const text = c.data?.[f.key];
      return text === undefined ? fromBase64(c.binaryData?.[f.key]) : Buffer.from(text);
    })
  ).catch((e: unknown) => {
    if (status(e) === 404) throw new EnvironmentError(`${what}: ${object} does not exist`, { hint: `kubectl -n ${namespace} describe deployment goldmane shows what it mounts; or run without flow logs (--no-flows)` }, { cause: e });
    throw refused(`get ${f.source === 'secret' ? 'secrets' : 'configmaps'} ${f.name} in ${namespace} (${what})`, e);
  });
  if (!data) throw new EnvironmentError(`${what}: ${object} has no key ${f.key}`, { hint: `kubectl -n ${namespace} get ${f.source.toLowerCase()} ${f.name} -o yaml` });
  return data;
}

/** The first of the candidate Secrets whose key pair Goldmane would accept; else every reason. */
async function clientKeyPair(core: k8s.CoreV1Api, namespace: string, candidates: readonly string[], ca: Buffer, caFile: MountedFile, now: Date): Promise<{ cert: Buffer; key: Buffer }> {
  const reasons: string[] = [];
  const forbidden: string[] = [];
  let missing = false;
  for (const name of candidates) {
    let secret: k8s.V1Secret;
    try {
      secret = await core.readNamespacedSecret({ name, namespace });
    } catch (e) {
      const code = status(e);
      if (code === 404) { missing = true; reasons.push(`Secret ${namespace}/${name} does not exist`); continue; }
      if (code === 401 || code === 403) { forbidden.push(name); reasons.push(`get secrets ${name} in ${namespace} is forbidden`); continue; }
      throw refused(`get secrets ${name} in ${namespace}`, e);
    }
    const cert = fromBase64(secret.data?.['tls.crt']);
    const key = fromBase64(secret.data?.['tls.key']);
    if (!cert || !key) { reasons.push(`Secret ${namespace}/${name} has no tls.crt and tls.key`); continue; }
    const problem = clientCertificateProblem({ cert, key }, ca, now);
    if (!problem) return { cert, key };
    reasons.push(`Secret ${namespace}/${name}: ${problem}`);
  }
  const bundle = caFile.source === 'none' ? caFile.path : objectName(caFile, namespace);
  const hint = forbidden.length > 0
    ? `grant get on secrets ${forbidden.join(', ')} in ${namespace} (the Role tierprobe-run-flows in ${rbacFile} does), or run without flow logs (--no-flows)`
    : missing
      ? 'whisker-backend-key-pair exists where Whisker is installed (operator: a Whisker resource named default); or run without flow logs (--no-flows)'
      : `Goldmane accepts a client certificate signed by a CA in ${bundle}; or run without flow logs (--no-flows)`;
  throw new EnvironmentError(`no client certificate Goldmane would accept (it requires one signed by a CA in ${bundle}): ${reasons.join('; ')}`, { hint });
}

function objectName(f: MountedFile & { source: 'secret' | 'configMap' }, namespace: string): string {
  return `${f.source === 'secret' ? 'Secret' : 'ConfigMap'} ${namespace}/${f.name}`;
}

function fromBase64(text: string | undefined): Buffer | undefined {
  return text === undefined || text === '' ? undefined : Buffer.from(text, 'base64');
}

function status(e: unknown): number | undefined {
  return e instanceof k8s.ApiException ? e.code : undefined;
}

/** A request the API server refused or failed, naming the verb RBAC would have to grant. */
function refused(request: string, e: unknown): EnvironmentError {
  const code = status(e);
  if (code === 401 || code === 403) {
    return new EnvironmentError(`may not read what Goldmane's flows need: ${request} is forbidden`, {
      hint: `grant it (${rbacFile} lists what a run needs), or run without flow logs (--no-flows)`, command: request,
    }, { cause: e });
  }
  return new EnvironmentError(`the Kubernetes API failed: ${request}: ${e instanceof Error ? e.message : String(e)}`, {
    hint: 'check that the cluster answers (kubectl get nodes)', command: request,
  }, { cause: e });
}
