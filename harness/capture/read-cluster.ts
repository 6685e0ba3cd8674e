// The I/O of a capture, read-only: list (never write) namespaces, pods, nodes, the Kubernetes
// policy kinds and ServiceCIDRs through the API, and the projectcalico.org/v3 kinds through
// calicoctl (Calico's own client: tier-prefixed names and v3 labels as users wrote them).
// A refusal (RBAC) of one kind becomes an Unreadable entry; an API server that does not answer,
// or no Calico, throws EnvironmentError.
import * as k8s from '@kubernetes/client-node';
import { parse } from 'yaml';
import { EnvironmentError } from '../errors.ts';
import { CommandError } from '../exec/command-error.ts';
import { apiMessage, httpStatus } from '../live/kube-error.ts';
import type { CaptureClients } from './capture.ts';
import { calicoKinds, kubeKinds } from './policy-documents.ts';
import { isRecord } from './strip.ts';
import type { ClusterDump, Unreadable } from './types.ts';

const pageSize = 500;

export async function readCluster(clients: CaptureClients, context: string, namespaces: readonly string[] | 'all'): Promise<ClusterDump> {
  const { kube, calico } = clients;
  const custom = kube.config.makeApiClient(k8s.CustomObjectsApi);
  const unreadable: Unreadable[] = [];
  const refused = (what: string, e: unknown, lacks: string) => unreadable.push({ what, why: apiMessage(e), lacks });

  let namespaceList: unknown[];
  try {
    namespaceList = await pages((c) => kube.core.listNamespace({ limit: pageSize, ...c }));
  } catch (e) {
    const status = httpStatus(e);
    if (status === 401 || status === 403) {
      throw new EnvironmentError(`context "${context}" may not list namespaces (${apiMessage(e)}): capture reads nothing without them`, { hint: 'bind harness/rbac/tierprobe-capture.yaml to this user (the file says how)', command: 'list namespaces' }, { cause: e });
    }
    throw new EnvironmentError(`the API server of context "${context}" does not answer: ${apiMessage(e)}`, { hint: `check it with: kubectl --context ${context} get namespaces`, command: 'list namespaces' }, { cause: e });
  }

  // Named namespaces are listed one by one: a user granted only those can capture them.
  const pods: unknown[] = [];
  for (const ns of namespaces === 'all' ? [undefined] : namespaces) {
    try {
      pods.push(...await pages((c) => (ns === undefined ? kube.core.listPodForAllNamespaces({ limit: pageSize, ...c }) : kube.core.listNamespacedPod({ namespace: ns, limit: pageSize, ...c }))));
    } catch (e) {
      if (!isRefusal(e)) throw apiError(`list pods${ns ? ` -n ${ns}` : ' --all-namespaces'}`, e);
      refused(`list pods${ns ? ` -n ${ns}` : ' (all namespaces)'}`, e, `the pods${ns ? ` of ${ns}` : ''}: no probe pods stand for them`);
    }
  }

  const kubePolicies: unknown[] = [];
  for (const k of kubeKinds) {
    const [group = '', version = ''] = k.apiVersion.split('/');
    try {
      const items = await pages((c) => custom.listClusterCustomObject({ group, version, plural: k.plural, limit: pageSize, ...c }) as Promise<unknown>);
      kubePolicies.push(...items.map((i) => (isRecord(i) ? { ...i, apiVersion: k.apiVersion, kind: k.kind } : i)));
    } catch (e) {
      // An API the cluster does not serve (no ANP CRDs) holds no policies: nothing is lacking.
      if (httpStatus(e) === 404) continue;
      if (!isRefusal(e)) throw apiError(`list ${k.plural}.${group}`, e);
      refused(`list ${k.plural}.${group}`, e, `every ${k.kind}: cells they decide follow the next tier or the default instead`);
    }
  }

  const calicoObjects: unknown[] = [];
  for (const k of calicoKinds) {
    try {
      calicoObjects.push(...listItems(await calico.list(k.plural, k.namespaced)));
    } catch (e) {
      const output = e instanceof CommandError ? e.output : String(e);
      if (noCalico(output)) {
        throw new EnvironmentError(`context "${context}" has no Calico API (${k.plural}.crd.projectcalico.org): capture reads Calico clusters (3.30 or later)`, { hint: `check it with: kubectl --context ${context} get crd tiers.crd.projectcalico.org`, ...(e instanceof CommandError ? { command: e.command, output } : {}) }, { cause: e });
      }
      if (!/forbidden|unauthorized/i.test(output)) throw new EnvironmentError(`calicoctl could not list ${k.plural}`, { hint: 'read calicoctl\'s message above', ...(e instanceof CommandError ? { command: e.command, output } : {}) }, { cause: e });
      unreadable.push({ what: `calicoctl get ${k.plural}`, why: firstLine(output), lacks: `every ${k.kind}${k.kind === 'Tier' ? ' (and the policies in them cannot be applied on replay)' : ''}` });
    }
  }

  const optional = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => read().catch(() => fallback);
  const ipPools = await optional(async () => listItems(await calico.list('ippools', false)), []);
  const serviceCIDRs = await optional(() => pages((c) => custom.listClusterCustomObject({ group: 'networking.k8s.io', version: 'v1', plural: 'servicecidrs', limit: pageSize, ...c }) as Promise<unknown>), []);
  const nodePodCIDRs = ipPools.length > 0 ? [] : await optional(async () => (await kube.core.listNode()).items.flatMap((n) => n.spec?.podCIDRs ?? []), []);
  const kubeadm = serviceCIDRs.length > 0 ? undefined
    : await optional(async () => (await kube.core.readNamespacedConfigMap({ namespace: 'kube-system', name: 'kubeadm-config' })).data?.['ClusterConfiguration'], undefined);
  // calicoctl lists nothing, and no error, where the Calico CRDs are missing; ClusterInformation
  // "default" (which every Calico cluster has, with its version) tells. Refused by RBAC, it is unknown.
  const info = await calico.list('clusterinformations', false).then(listItems, () => undefined);
  const version = (info ?? []).map((i) => (isRecord(i) && isRecord(i['spec']) ? i['spec']['calicoVersion'] : undefined)).find((v) => typeof v === 'string');
  if (info !== undefined && version === undefined) {
    throw new EnvironmentError(`context "${context}" runs no Calico: it has no ClusterInformation with a calicoVersion (calicoctl lists every Calico kind as empty): capture reads Calico clusters (3.30 or later)`, { hint: `check it with: kubectl --context ${context} get clusterinformations.crd.projectcalico.org default -o yaml` });
  }

  return {
    context, namespaces: namespaceList, pods, kubePolicies, calicoObjects, ipPools, serviceCIDRs, nodePodCIDRs,
    ...(kubeadm === undefined ? {} : { kubeadmClusterConfiguration: kubeadm }),
    ...(typeof version === 'string' ? { calicoVersion: version } : {}),
    unreadable,
  };
}

interface Page { items?: unknown; metadata?: { _continue?: string; continue?: string } }

/** Every item of a paged list (limit + continue). */
async function pages(list: (c: { _continue?: string }) => Promise<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  do {
    const page = (await list(token === undefined ? {} : { _continue: token })) as Page;
    if (Array.isArray(page.items)) items.push(...(page.items as unknown[]));
    token = page.metadata?._continue ?? page.metadata?.continue;
  } while (token);
  return items;
}

/** The items of `calicoctl get -o yaml`: a List, or a single object when there is one. */
export function listItems(yaml: string): unknown[] {
  const doc: unknown = parse(yaml);
  if (isRecord(doc) && Array.isArray(doc['items'])) return doc['items'] as unknown[];
  return isRecord(doc) && typeof doc['kind'] === 'string' ? [doc] : [];
}

function isRefusal(e: unknown): boolean {
  const s = httpStatus(e);
  return s === 401 || s === 403;
}

function noCalico(output: string): boolean {
  return /could not find the requested resource|no matches for kind|resource type .* is not supported/i.test(output);
}

function apiError(request: string, e: unknown): EnvironmentError {
  return new EnvironmentError(`the Kubernetes API failed: ${request}: ${apiMessage(e)}`, { hint: 'check that the cluster is up, and run capture again', command: request }, { cause: e });
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((l) => /forbidden|unauthorized/i.test(l))?.slice(0, 300) ?? text.trim().split('\n')[0] ?? '';
}
