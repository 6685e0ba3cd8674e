// Goldmane as the Tigera operator renders it (testdata/operator-*.yaml, tigera/operator v1.40.0)
// and as tierprobe installs it on kind (harness/cluster/calico/goldmane.yaml), for tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1ConfigMap, V1Deployment, V1PodSpec, V1Secret } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const testdata = join(import.meta.dirname, 'testdata');

interface Named { kind?: string; metadata?: { name?: string } }

function documents(path: string): Named[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Named);
}

function one<T>(docs: Named[], kind: string, name: string): T {
  const found = docs.find((d) => d.kind === kind && d.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the fixtures`);
  return found as T;
}

const tlsObjects = [...documents(join(testdata, 'operator-goldmane-tls.yaml')), ...documents(join(testdata, 'other-client-certs.yaml'))];

export const operatorDeployment = one<V1Deployment>(documents(join(testdata, 'operator-goldmane-deployment.yaml')), 'Deployment', 'goldmane');
export const kindDeployment = one<V1Deployment>(documents(join(import.meta.dirname, '..', 'cluster', 'calico', 'goldmane.yaml')), 'Deployment', 'goldmane');
export const caBundle = one<V1ConfigMap>(tlsObjects, 'ConfigMap', 'goldmane-ca-bundle');
export const secret = (name: string) => one<V1Secret>(tlsObjects, 'Secret', name);

/** A Deployment's pod spec (a fixture's always has one). */
export function podSpec(d: V1Deployment): V1PodSpec {
  const spec = d.spec?.template.spec;
  if (!spec) throw new Error('the fixture has no pod spec');
  return structuredClone(spec);
}

/** A Secret's key pair, decoded. */
export function keyPair(name: string): { cert: Buffer; key: Buffer } {
  const data = secret(name).data ?? {};
  return { cert: Buffer.from(data['tls.crt'] ?? '', 'base64'), key: Buffer.from(data['tls.key'] ?? '', 'base64') };
}

/** The bundle at Goldmane's CA_CERT_PATH. */
export const bundle = Buffer.from(caBundle.data?.['tigera-ca-bundle.crt'] ?? '');

/** A moment every operator-made certificate of the fixtures is valid at (made 2026-12-02, valid until 2029-03). */
export const whileValid = new Date('2027-06-01T00:00:00Z');
