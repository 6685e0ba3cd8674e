// Where each kind goes: projectcalico.org/v3 through Calico's own client (calicoctl),
// everything else through server-side apply.
import type { KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import { CommandError } from '../../exec/command-error.ts';
import { identityKey, type ResourceId } from '../../model/index.ts';
import type { CalicoResourceClient } from '../../cluster/session.ts';
import type { KubeClients } from '../kube-clients.ts';
import { createObject, deleteObject, serverSideApply } from '../server-side-apply.ts';
import { ForeignObjectError } from '../preflight/foreign-object-error.ts';
import { headerText, type AppliedDocument } from './applied-document.ts';

export function isCalico(id: Pick<ResourceId, 'apiVersion'>): boolean {
  return id.apiVersion.startsWith('projectcalico.org/');
}

export interface PolicyClient {
  /**
   * Applies documents in order (consecutive Calico ones in one call). What this client has
   * not written before is created, never applied over: a same-named object that is not this
   * run's is refused (ForeignObjectError), not taken over. What it wrote, it replaces.
   */
  apply(docs: readonly AppliedDocument[]): Promise<void>;
  /** Deletes resources; Calico policies before Tiers. Gone already is fine. */
  delete(ids: readonly ResourceId[]): Promise<void>;
}

export function policyClient(clients: KubeClients, calico: CalicoResourceClient): PolicyClient {
  const written = new Set<string>();
  const isNew = (id: ResourceId) => !written.has(identityKey(id));
  return {
    async apply(docs) {
      for (const group of runs(docs, (d) => `${isCalico(d.id)} ${isNew(d.id)}`)) {
        const first = group[0];
        if (!first) continue;
        const create = isNew(first.id);
        if (isCalico(first.id)) {
          const yaml = group.map((d) => d.text).join('---\n');
          await calicoCall(() => (create ? calico.create(yaml) : calico.apply(yaml)), create ? 'create' : 'apply', group.map((d) => d.id));
        } else {
          for (const d of group) await (create ? createObject(clients, toObject(d)) : serverSideApply(clients, toObject(d)));
        }
        for (const d of group) written.add(identityKey(d.id));
      }
    },
    async delete(ids) {
      const ordered = [...ids].sort((a, b) => Number(a.kind === 'Tier') - Number(b.kind === 'Tier'));
      for (const group of runs(ordered, isCalico)) {
        const first = group[0];
        if (!first) continue;
        if (isCalico(first)) await calicoCall(() => calico.delete(group.map(headerText).join('---\n')), 'delete', group);
        else for (const id of group) await deleteObject(clients, { apiVersion: id.apiVersion, kind: id.kind, metadata: { name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}) } });
        for (const id of group) written.delete(identityKey(id));
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
    const names = ids.map(describeId);
    if (verb === 'create' && e instanceof CommandError && /already exists/i.test(e.output)) {
      throw new ForeignObjectError(names, 'it appeared after the check that ran before the run wrote anything');
    }
    throw new EnvironmentError(`calicoctl could not ${verb} ${names.join(', ')}`, {
      hint: 'read calicoctl\'s message: a policy Calico rejects must be fixed in the scenario; otherwise check the cluster (npx tierprobe cluster status)',
      ...(e instanceof CommandError ? { command: e.command, output: e.output } : {}),
    }, { cause: e });
  }
}

export function describeId(i: ResourceId): string {
  return `${i.kind} ${i.namespace ? `${i.namespace}/` : ''}${i.name}`;
}

/** Splits a list into runs of consecutive items with the same key. */
function runs<T>(items: readonly T[], key: (t: T) => boolean | string): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && last[0] !== undefined && key(last[0]) === key(item)) last.push(item);
    else out.push([item]);
  }
  return out;
}
