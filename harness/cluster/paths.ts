import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where built binaries, logs and the kubeconfig live: outside the checkout, kept between runs. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['TIERPROBE_CACHE'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'tierprobe');
}

/** The repository root (this file is harness/cluster/paths.ts). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const prepareScript = join(repoRoot, 'harness', 'cluster', 'images', 'prepare.sh');
export const dockerSetupScript = join(repoRoot, 'harness', 'setup', 'docker.sh');
export const calicoManifestDir = join(repoRoot, 'harness', 'cluster', 'calico');
