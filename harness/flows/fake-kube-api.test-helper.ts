// An API server for tests that answers GETs from a table of objects by path, 403 where told,
// 404 elsewhere, and records what was asked: code under test talks real HTTP, as client-node does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as k8s from '@kubernetes/client-node';
import { caBundle, operatorDeployment, podSpec, secret } from './goldmane-fixtures.test-helper.ts';

export interface FakeApi { kc: k8s.KubeConfig; asked: string[]; [Symbol.asyncDispose](): Promise<void> }

export async function fakeApi(objects: Record<string, unknown>, forbidden: string[] = []): Promise<FakeApi> {
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(`${req.method ?? '?'} ${path}`);
    const status = (code: number, reason: string) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message: `${reason}: ${path}` });
    const [code, body] = forbidden.includes(path) ? [403, status(403, 'Forbidden')] : path in objects ? [200, objects[path]] : [404, status(404, 'NotFound')];
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }], contexts: [{ name: 'fake', cluster: 'fake', user: 'u' }], currentContext: 'fake',
  });
  return { kc, asked, [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ns = '/namespaces/calico-system';
/** The API paths Goldmane's discovery reads. */
export const paths = {
  deployment: `/apis/apps/v1${ns}/deployments/goldmane`,
  pods: `/api/v1${ns}/pods`,
  caBundle: `/api/v1${ns}/configmaps/goldmane-ca-bundle`,
  secret: (name: string) => `/api/v1${ns}/secrets/${name}`,
};

/** The pod list of a Deployment: one pod of its template, in this phase. */
export function goldmanePods(deployment: k8s.V1Deployment, phase = 'Running') {
  return { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'goldmane-7c9f', labels: { 'k8s-app': 'goldmane' } }, spec: podSpec(deployment), status: { phase } }] };
}

/** The operator's install: Deployment, its pod, the CA bundle and client Secrets (whisker-backend's, a stranger's). */
export function operatorCluster(): Record<string, unknown> {
  return {
    [paths.deployment]: operatorDeployment, [paths.pods]: goldmanePods(operatorDeployment), [paths.caBundle]: caBundle,
    [paths.secret('whisker-backend-key-pair')]: secret('whisker-backend-key-pair'),
    [paths.secret('stranger-key-pair')]: secret('stranger-key-pair'),
  };
}
