// The Calico Go module tierprobe builds calicoctl (and, on kind, Calico) from: its directory in
// the Go module cache, where Goldmane's proto sits. Image preparation names it only when it
// builds Calico's images; a session on provider existing asks Go the way preparation does
// (harness/cluster/images/steps-calico.sh), from the same wrapper module.
import { join } from 'node:path';
import { runCommand } from '../../exec/run-command.ts';
import { repoRoot } from '../paths.ts';

export async function calicoModuleDir(): Promise<string> {
  // Through harness/setup/go.sh, which finds Go where a plain PATH lacks it, as preparation does.
  const { stdout } = await runCommand('bash', [join(repoRoot, 'harness', 'setup', 'go.sh'), 'list', '-m', '-f', '{{.Dir}}', 'github.com/projectcalico/calico'], {
    cwd: join(repoRoot, 'harness', 'cluster', 'images', 'go', 'calico'),
    env: { ...process.env, GOFLAGS: '-mod=mod', GONOSUMDB: 'github.com/projectcalico' },
    timeoutMs: 60_000,
  });
  return stdout.trim();
}
