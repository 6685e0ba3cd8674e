// The shipped RBAC against what the code asks of the API server: every request Goldmane's
// discovery makes on an operator install (recorded by a fake API server) must be granted by
// harness/rbac/tierprobe-run.yaml, evaluated as Kubernetes' RBAC authorizer matches rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { discoverGoldmane } from '../flows/goldmane-discovery.ts';
import { fakeApi, operatorCluster } from '../flows/fake-kube-api.test-helper.ts';
import { whileValid } from '../flows/goldmane-fixtures.test-helper.ts';

const ruleSchema = z.object({
  apiGroups: z.array(z.string()), resources: z.array(z.string()), verbs: z.array(z.string()), resourceNames: z.array(z.string()).optional(),
});
const roleSchema = z.object({ kind: z.enum(['ClusterRole', 'Role']), metadata: z.object({ name: z.string(), namespace: z.string().optional() }), rules: z.array(ruleSchema) });
const roles = parseAllDocuments(readFileSync(join(import.meta.dirname, 'tierprobe-run.yaml'), 'utf8')).map((d) => roleSchema.parse(d.toJS()));

interface Request { verb: string; group: string; resource: string; namespace: string; name?: string }

/** Whether some rule of the manifest grants it (a Role only in its namespace). */
function granted(r: Request): boolean {
  const has = (list: string[], x: string) => list.includes(x) || list.includes('*');
  return roles.some((role) => (role.kind === 'ClusterRole' || role.metadata.namespace === r.namespace) && role.rules.some((rule) =>
    has(rule.apiGroups, r.group) && has(rule.resources, r.resource) && has(rule.verbs, r.verb)
    && (!rule.resourceNames?.length || (r.name !== undefined && rule.resourceNames.includes(r.name)))));
}

/** `GET /api/v1/namespaces/N/R[/NAME]` or `GET /apis/G/V/namespaces/N/R[/NAME]`, as RBAC sees it. */
function request(asked: string): Request {
  const m = /^GET \/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(asked);
  if (!m?.[2] || !m[3]) throw new Error(`not a namespaced read: ${asked}`);
  return { verb: m[4] ? 'get' : 'list', group: m[1] ?? '', resource: m[3], namespace: m[2], ...(m[4] ? { name: m[4] } : {}) };
}

describe('harness/rbac/tierprobe-run.yaml', () => {
  it('grants every read Goldmane\'s discovery makes on an operator install (mutual TLS), and no other Secret in calico-system', async () => {
    await using api = await fakeApi(operatorCluster());
    await discoverGoldmane(api.kc, { now: () => whileValid });
    const requests = api.asked.map(request);
    expect(requests.map((r) => `${r.verb} ${r.resource}${r.name ? `/${r.name}` : ''}`)).to.deep.equal(
      ['get deployments/goldmane', 'list pods', 'get configmaps/goldmane-ca-bundle', 'get secrets/whisker-backend-key-pair']);
    for (const r of requests) expect(granted(r), JSON.stringify(r)).to.equal(true);
    expect(granted({ verb: 'get', group: '', resource: 'secrets', namespace: 'calico-system', name: 'goldmane-key-pair' })).to.equal(false);
    expect(granted({ verb: 'list', group: '', resource: 'secrets', namespace: 'calico-system' })).to.equal(false);
  });

  it('grants the port-forward to Goldmane in calico-system (WebSocket GET or SPDY POST), and nowhere else', () => {
    for (const verb of ['get', 'create']) {
      expect(granted({ verb, group: '', resource: 'pods/portforward', namespace: 'calico-system', name: 'goldmane-7c9f' })).to.equal(true);
      expect(granted({ verb, group: '', resource: 'pods/portforward', namespace: 'kube-system', name: 'etcd' })).to.equal(false);
    }
  });
});
