import { runCommand, type RunResult } from '../../exec/run-command.ts';
import { dockerUnreachableError, startDockerHint } from '../docker-unreachable.ts';

/** The kind CLI, the only way this package touches kind. */
export class KindCli {
  readonly binary: string;
  readonly #signal: AbortSignal | undefined;
  readonly #noDockerHint: string;
  /**
   * signal stops what it runs, but never a delete (that is how a half-made cluster goes).
   * noDockerHint: what to do where kind finds Docker not running (an EnvironmentError, exit 3).
   */
  constructor(binary: string, signal?: AbortSignal, noDockerHint = startDockerHint) {
    this.binary = binary;
    this.#signal = signal;
    this.#noDockerHint = noDockerHint;
  }

  private async run(args: string[], onStderr?: (s: string) => void): Promise<RunResult> {
    const stoppable = args[0] !== 'delete' && this.#signal !== undefined;
    try {
      return await runCommand(this.binary, args, { onStderr, ...(stoppable && this.#signal ? { signal: this.#signal } : {}) });
    } catch (e) {
      throw dockerUnreachableError(e, this.#noDockerHint) ?? e;
    }
  }

  async clusters(): Promise<string[]> {
    const { stdout } = await this.run(['get', 'clusters']);
    return stdout.split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('No kind clusters'));
  }

  async nodes(name: string): Promise<string[]> {
    const { stdout } = await this.run(['get', 'nodes', '--name', name]);
    return stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  }

  async create(opts: { name: string; config: string; image: string; kubeconfig: string }, progress: (s: string) => void): Promise<void> {
    await this.run(
      ['create', 'cluster', '--name', opts.name, '--config', opts.config, '--image', opts.image, '--kubeconfig', opts.kubeconfig, '--wait', '0s'],
      (chunk) => chunk.split('\n').map((l) => l.trim()).filter(Boolean).forEach(progress),
    );
  }

  async delete(name: string, kubeconfig: string): Promise<void> {
    await this.run(['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig]);
  }

  async exportKubeconfig(name: string, kubeconfig: string): Promise<void> {
    await this.run(['export', 'kubeconfig', '--name', name, '--kubeconfig', kubeconfig]);
  }

  async load(name: string, images: string[]): Promise<void> {
    await this.run(['load', 'docker-image', '--name', name, ...images]);
  }
}
