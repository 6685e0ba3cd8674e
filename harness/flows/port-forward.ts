import { createServer, type AddressInfo, type Server } from 'node:net';
import * as k8s from '@kubernetes/client-node';

/** A local TCP port that forwards each connection to a pod's port through the API server. */
export interface Forwarded extends AsyncDisposable {
  port: number;
  /** Why the last forwarded connection failed (the API server refused, the pod went), if one did. */
  lastError(): Error | undefined;
}

export async function forwardPort(kc: k8s.KubeConfig, namespace: string, pod: string, targetPort: number): Promise<Forwarded> {
  const pf = new k8s.PortForward(kc);
  let last: Error | undefined;
  const server: Server = createServer((socket) => {
    pf.portForward(namespace, pod, [targetPort], socket, null, socket).catch((e: unknown) => {
      last = e instanceof Error ? e : new Error(String(e));
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    lastError: () => last,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
