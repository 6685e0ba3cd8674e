// The objects a run creates for its inventory: namespaces, service accounts and probe pods.
import type { V1Namespace, V1Pod, V1ServiceAccount, V1Toleration } from '@kubernetes/client-node';
import type { NamespaceSpec, PodSpec, PortSpec } from '../../model/index.ts';
import { ownedLabels } from '../labels.ts';

/** The probe container's name: exec and the reproduce command name it. */
export const probeContainer = 'probe';
/** The agent's user (probes/image/build.sh). */
const agentUser = 65532;

export function namespaceManifest(ns: NamespaceSpec, runId: string): V1Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels: { ...ns.labels, ...ownedLabels(runId) } } };
}

export function serviceAccountManifest(namespace: string, name: string, runId: string): V1ServiceAccount {
  return {
    apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels: ownedLabels(runId) },
    automountServiceAccountToken: false,
  };
}

/** The ports the agent can serve: SCTP is refused by the agent (Go has no SCTP). */
export function servedPorts(ports: readonly PortSpec[]): PortSpec[] {
  return ports.filter((p) => p.protocol !== 'SCTP');
}

export function agentPortsEnv(ports: readonly PortSpec[]): string {
  return servedPorts(ports).map((p) => `${p.port}/${p.protocol}`).join(',');
}

export interface ProbePodOptions {
  image: string;
  node: string;
  runId: string;
  /** What the pods tolerate: nodes were chosen by them (harness/cluster/schedulable-nodes.ts). */
  tolerations: V1Toleration[];
  /** Fault injection (tests): ports the agent does not listen on although the pod declares them. */
  unserved?: ReadonlySet<string>;
  /** The pod sends a step's traffic (`agent load`). */
  trafficSource?: boolean;
}

const probeResources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '1', memory: '64Mi' } };
export const trafficSourceResources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '2', memory: '512Mi' } };

/**
 * A probe pod exactly as the scenario declares it (name, labels, service account, ports), pinned
 * to a node, running `agent serve` as non-root with a read-only root filesystem and no token.
 */
export function probePodManifest(pod: PodSpec, o: ProbePodOptions): V1Pod {
  const listening = servedPorts(pod.ports).filter((p) => !o.unserved?.has(`${p.port}/${p.protocol}`));
  const readinessPort = listening.find((p) => p.protocol === 'TCP');
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: pod.name, namespace: pod.namespace, labels: { ...pod.labels, ...ownedLabels(o.runId) } },
    spec: {
      nodeName: o.node,
      // nodeName skips the scheduler: the nodes were chosen by these tolerations.
      ...(o.tolerations.length > 0 ? { tolerations: o.tolerations } : {}),
      serviceAccountName: pod.serviceAccount,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 1,
      securityContext: {
        runAsUser: agentUser, runAsGroup: agentUser, runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
        // A safe sysctl: lets the unprivileged agent listen below 1024.
        sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
      },
      containers: [{
        name: probeContainer,
        image: o.image,
        imagePullPolicy: 'IfNotPresent',
        args: ['serve'],
        env: [
          { name: 'TIERPROBE_PORTS', value: agentPortsEnv(listening) },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        ],
        ports: pod.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, ...(p.name === undefined ? {} : { name: p.name }) })),
        securityContext: {
          allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        },
        // A traffic source runs `agent load`: thousands of sockets a second and their goroutines.
        resources: o.trafficSource ? trafficSourceResources : probeResources,
        // Without a TCP port there is nothing cheap to check: Ready then means running.
        ...(readinessPort === undefined ? {} : {
          readinessProbe: { tcpSocket: { port: readinessPort.port }, periodSeconds: 1, failureThreshold: 1, successThreshold: 1, timeoutSeconds: 1 },
        }),
      }],
    },
  };
}
