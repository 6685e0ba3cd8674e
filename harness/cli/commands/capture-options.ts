// The options that say which live cluster to read, and how much of it: capture takes them, and so
// does whatif --context, which captures into a directory of its own before it predicts.
import type { Argv } from 'yargs';

export function withCaptureSourceOptions<T>(y: Argv<T>, contextDescribe: string) {
  return y
    .option('context', { type: 'string', describe: contextDescribe })
    .option('kubeconfig', { type: 'string', describe: 'kubeconfig file (default: the first of $KUBECONFIG, else ~/.kube/config)' })
    .option('namespaces', { type: 'string', describe: 'the namespaces to capture, comma-separated' })
    .option('all-namespaces', { type: 'boolean', default: false, describe: 'every namespace but the system ones (kube-*, calico-*, tigera-*, local-path-storage)' })
    .option('include-system', { type: 'boolean', default: false, describe: 'with --all-namespaces: the system namespaces too' })
    .option('allow-partial', { type: 'boolean', default: false, describe: 'go on although some kinds could not be read (RBAC); capture.json and the description say what it lacks' })
    .option('allow-context', { type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'a context that may be read (also TIERPROBE_ALLOW_CONTEXTS)' })
    .option('pull', { choices: ['auto', 'never', 'always'] as const, default: 'auto' as const, describe: 'calicoctl: download where a registry answers, only build, or only download' });
}

/** What captureInto needs of the options, whichever verb parsed them. */
export interface CaptureSource {
  context: string;
  kubeconfig?: string | undefined;
  namespaces?: string | undefined;
  allNamespaces: boolean;
  includeSystem: boolean;
  allowPartial: boolean;
  allowContext: string[];
  pull: 'auto' | 'never' | 'always';
  name?: string | undefined;
}
