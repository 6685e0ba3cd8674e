import { runCommand } from '../../exec/run-command.ts';

/**
 * kubectl as the control-plane node has it, with the cluster's admin credentials.
 * Used to install Calico: it needs no kubectl on the host, and every kind node image
 * (ours or kind's own) ships one.
 */
export async function kubectlInNode(node: string, args: string[], input?: string): Promise<string> {
  const { stdout } = await runCommand('docker', ['exec', '-i', node, 'kubectl', '--kubeconfig=/etc/kubernetes/admin.conf', ...args], {
    input,
    timeoutMs: 120_000,
  });
  return stdout;
}
