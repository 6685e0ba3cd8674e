// The scenario's ClusterIP Services, exactly as declared, in the namespaces the run created;
// then their ClusterIPs, as the API server allocated them.
import type { V1Service } from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import { serviceAddress } from '../../model/services/backends.ts';
import type { ServiceSpec } from '../../model/index.ts';
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure } from '../kube-error.ts';
import { ownedLabels } from '../labels.ts';
import type { DeployedService } from '../probe/service-plan.ts';
import { serverSideApply } from '../server-side-apply.ts';

export function serviceManifest(s: ServiceSpec, runId: string): V1Service {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: s.name, namespace: s.namespace, labels: ownedLabels(runId) },
    spec: {
      type: 'ClusterIP', selector: { ...s.selector },
      ports: s.ports.map((p) => ({ ...(p.name === undefined ? {} : { name: p.name }), port: p.port, protocol: p.protocol, targetPort: p.targetPort as never })),
    },
  };
}

/** Applies every Service, then reads its ClusterIP (the API server allocates it on create). By svc:NS/NAME. */
export async function deployServices(clients: KubeClients, services: readonly ServiceSpec[], runId: string): Promise<Map<string, DeployedService>> {
  await Promise.all(services.map((s) => serverSideApply(clients, serviceManifest(s, runId))));
  const out = new Map<string, DeployedService>();
  for (const s of services) {
    let stored: V1Service;
    try {
      stored = await clients.core.readNamespacedService({ name: s.name, namespace: s.namespace });
    } catch (e) {
      throw apiFailure(`get service ${s.namespace}/${s.name}`, e);
    }
    const clusterIP = stored.spec?.clusterIP;
    if (!clusterIP || clusterIP === 'None') {
      throw new EnvironmentError(`the API server gave Service ${s.namespace}/${s.name} no ClusterIP (${clusterIP ?? 'none'})`, {
        hint: 'check the API server\'s --service-cluster-ip-range', command: `kubectl get service -n ${s.namespace} ${s.name} -o yaml`,
      });
    }
    out.set(serviceAddress(s), { address: serviceAddress(s), clusterIP, dnsName: `${s.name}.${s.namespace}.svc` });
  }
  return out;
}
