// The capture manifest reads and nothing more: the only write verb anywhere in it is `create`
// on pods/portforward, in the Role for Goldmane's namespace. And it grants every kind capture reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { calicoKinds, kubeKinds } from '../capture/policy-documents.ts';

const ruleSchema = z.strictObject({
  apiGroups: z.array(z.string()), resources: z.array(z.string()), verbs: z.array(z.string()), resourceNames: z.array(z.string()).optional(),
});
const roleSchema = z.object({ kind: z.enum(['ClusterRole', 'Role']), metadata: z.object({ name: z.string(), namespace: z.string().optional() }), rules: z.array(ruleSchema) });
const roles = parseAllDocuments(readFileSync(join(import.meta.dirname, 'tierprobe-capture.yaml'), 'utf8')).map((d) => roleSchema.parse(d.toJS()));
const readVerbs = new Set(['get', 'list', 'watch']);

const grants = (role: z.output<typeof roleSchema>, group: string, resource: string, verb: string) =>
  role.rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb) && r.resourceNames === undefined);

describe('harness/rbac/tierprobe-capture.yaml', () => {
  it('holds a ClusterRole tierprobe-capture and a Role tierprobe-capture-flows in calico-system', () => {
    expect(roles.map((r) => `${r.kind} ${r.metadata.namespace ?? ''}/${r.metadata.name}`)).to.deep.equal(['ClusterRole /tierprobe-capture', 'Role calico-system/tierprobe-capture-flows']);
  });

  it('has no write verb but create on pods/portforward in the flows Role; no wildcard anywhere', () => {
    const writes = roles.flatMap((role) => role.rules.flatMap((r) => r.verbs.filter((v) => !readVerbs.has(v)).map((v) => `${role.metadata.name} ${v} ${r.resources.join(',')}`)));
    expect(writes).to.deep.equal(['tierprobe-capture-flows create pods/portforward']);
    for (const role of roles) for (const r of role.rules) for (const list of [r.apiGroups, r.resources, r.verbs]) expect(list).to.not.include('*');
  });

  it('the ClusterRole lists every kind capture reads, and reads Secrets nowhere but Whisker\'s key pair by name', () => {
    const [cluster] = roles;
    if (!cluster) throw new Error('no ClusterRole');
    for (const resource of ['namespaces', 'pods', 'nodes']) expect(grants(cluster, '', resource, 'list'), resource).to.equal(true);
    for (const k of kubeKinds) expect(grants(cluster, k.apiVersion.split('/')[0] ?? '', k.plural, 'list'), k.kind).to.equal(true);
    for (const k of calicoKinds) expect(grants(cluster, 'crd.projectcalico.org', k.plural, 'list'), k.kind).to.equal(true);
    expect(grants(cluster, 'networking.k8s.io', 'servicecidrs', 'list')).to.equal(true);
    const secrets = roles.flatMap((role) => role.rules.filter((r) => r.resources.includes('secrets')));
    expect(secrets).to.deep.equal([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['whisker-backend-key-pair'], verbs: ['get'] }]);
  });
});
