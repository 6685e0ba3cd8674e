import { runCommand } from '../../exec/run-command.ts';
import type { CalicoResourceClient } from '../session.ts';

/**
 * projectcalico.org/v3 resources through calicoctl, which runs Calico's own client
 * library (clientv3) against the Kubernetes datastore: the same validation, defaulting
 * (policy `types`, tier checks) and naming as the Calico API server applies. Users'
 * YAML goes in unchanged.
 */
export class Calicoctl implements CalicoResourceClient {
  readonly binary: string;
  readonly kubeconfigPath: string;
  readonly context: string;
  constructor(binary: string, kubeconfigPath: string, context: string) {
    this.binary = binary;
    this.kubeconfigPath = kubeconfigPath;
    this.context = context;
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, DATASTORE_TYPE: 'kubernetes', KUBECONFIG: this.kubeconfigPath };
  }

  async apply(yaml: string): Promise<void> {
    await runCommand(this.binary, ['apply', '--context', this.context, '-f', '-'], { input: yaml, env: this.env(), timeoutMs: 60_000 });
  }

  /** Fails where a resource of that name exists (calicoctl: "resource already exists"). */
  async create(yaml: string): Promise<void> {
    await runCommand(this.binary, ['create', '--context', this.context, '-f', '-'], { input: yaml, env: this.env(), timeoutMs: 60_000 });
  }

  /** Read-only: every object of a kind (of all namespaces, for a namespaced kind), as `calicoctl get -o yaml` prints the list. */
  async list(kind: string, namespaced: boolean): Promise<string> {
    const { stdout } = await runCommand(this.binary, ['get', kind, '--context', this.context, ...(namespaced ? ['--all-namespaces'] : []), '-o', 'yaml'], { env: this.env(), timeoutMs: 120_000 });
    return stdout;
  }

  async delete(yaml: string): Promise<void> {
    await runCommand(this.binary, ['delete', '--context', this.context, '--skip-not-exists', '-f', '-'], { input: yaml, env: this.env(), timeoutMs: 60_000 });
  }
}
