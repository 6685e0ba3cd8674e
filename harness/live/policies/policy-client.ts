// Where each kind goes: projectcalico.org/v3 through Calico's own client (calicoctl),
// everything else through server-side apply.
import type { KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import { CommandError } from '../../exec/command-error.ts';
import type { ResourceId } from '../../model/index.ts';
import type { CalicoResourceClient } from '../../cluster/session.ts';
import type { KubeClients } from '../kube-clients.ts';
import { deleteObject, serverSideApply } from '../server-side-apply.ts';
import { headerText, type AppliedDocument } from './applied-document.ts';

export function isCalico(id: Pick<ResourceId, 'apiVersion'>): boolean {
  return id.apiVersion.startsWith('projectcalico.org/');
}

export interface PolicyClient {
  /** Applies documents in order (consecutive Calico ones in one call). */
  apply(docs: readonly AppliedDocument[]): Promise<void>;
  /** Deletes resources; Calico policies before Tiers. Gone already is fine. */
  delete(ids: readonly ResourceId[]): Promise<void>;
}

export function policyClient(clients: KubeClients, calico: CalicoResourceClient): PolicyClient {
  return {
    async apply(docs) {
      for (const group of runs(docs, (d) => isCalico(d.id))) {
        const first = group[0];
        if (!first) continue;
        if (isCalico(first.id)) await calicoCall(() => calico.apply(group.map((d) => d.text).join('---\n')), 'apply', group.map((d) => d.id));
        else for (const d of group) await serverSideApply(clients, toObject(d));
      }
    },
    async delete(ids) {
      const ordered = [...ids].sort((a, b) => Number(a.kind === 'Tier') - Number(b.kind === 'Tier'));
      for (const group of runs(ordered, isCalico)) {
        const first = group[0];
        if (!first) continue;
        if (isCalico(first)) await calicoCall(() => calico.delete(group.map(headerText).join('---\n')), 'delete', group);
        else for (const id of group) await deleteObject(clients, { apiVersion: id.apiVersion, kind: id.kind, metadata: { name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}) } });
      }
    },
  };
}

function toObject(d: AppliedDocument): KubernetesObject {
  const { apiVersion, kind } = d.id;
  return { ...d.object, apiVersion, kind };
}

async function calicoCall(call: () => Promise<void>, verb: string, ids: readonly ResourceId[]): Promise<void> {
  try {
    await call();
  } catch (e) {
    const names = ids.map((i) => `${i.kind} ${i.namespace ? `${i.namespace}/` : ''}${i.name}`).join(', ');
    throw new EnvironmentError(`calicoctl could not ${verb} ${names}`, {
      hint: 'read calicoctl\'s message: a policy Calico rejects must be fixed in the scenario; otherwise check the cluster (npx tierprobe cluster status)',
      ...(e instanceof CommandError ? { command: e.command, output: e.output } : {}),
    }, { cause: e });
  }
}

/** Splits a list into runs of consecutive items with the same key. */
function runs<T>(items: readonly T[], key: (t: T) => boolean): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && last[0] !== undefined && key(last[0]) === key(item)) last.push(item);
    else out.push([item]);
  }
  return out;
}
