// tierprobe capture --context C (--namespaces a,b | --all-namespaces) --out DIR: a live cluster,
// read-only, as a replayable scenario. The implementation (capture-run.ts) loads only when it runs.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';

export const builder = (y: Argv) => y
  .option('context', { type: 'string', demandOption: true, describe: 'the kubeconfig context to read (it must be allowed: --allow-context or TIERPROBE_ALLOW_CONTEXTS)' })
  .option('kubeconfig', { type: 'string', describe: 'kubeconfig file (default: the first of $KUBECONFIG, else ~/.kube/config)' })
  .option('namespaces', { type: 'string', describe: 'the namespaces to capture, comma-separated' })
  .option('all-namespaces', { type: 'boolean', default: false, describe: 'every namespace but the system ones (kube-*, calico-*, tigera-*, local-path-storage)' })
  .option('include-system', { type: 'boolean', default: false, describe: 'with --all-namespaces: the system namespaces too' })
  .option('out', { type: 'string', demandOption: true, describe: 'write DIR/scenario.yaml, DIR/policies/, DIR/pods-map.json, DIR/capture.json' })
  .option('name', { type: 'string', describe: 'metadata.name of the scenario (default: capture-CONTEXT)' })
  .option('allow-partial', { type: 'boolean', default: false, describe: 'write the scenario although some kinds could not be read (RBAC); capture.json and the description say what it lacks' })
  .option('allow-context', { type: 'string', array: true, default: [] as string[], describe: 'a context capture may read (also TIERPROBE_ALLOW_CONTEXTS)' })
  .option('pull', { choices: ['auto', 'never', 'always'] as const, default: 'auto' as const, describe: 'calicoctl: download where a registry answers, only build, or only download' });

export type CaptureCommandOptions = OptionsOf<typeof builder>;

export const captureCommand = defineCommand({
  command: 'capture',
  describe: 'Read a live cluster read-only (get/list) and write a replayable scenario, its policies and a pods map',
  builder,
  run: async (o, deps) => (await import('./capture-run.ts')).run(o, deps),
});
