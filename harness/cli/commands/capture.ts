// tierprobe capture --context C (--namespaces a,b | --all-namespaces) --out DIR: a live cluster,
// read-only, as a replayable scenario. The implementation (capture-run.ts) loads only when it runs.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withCaptureSourceOptions } from './capture-options.ts';

export const builder = (y: Argv) => withCaptureSourceOptions(y, 'the kubeconfig context to read (it must be allowed: --allow-context or TIERPROBE_ALLOW_CONTEXTS)')
  .demandOption('context')
  .option('out', { type: 'string', demandOption: true, describe: 'write DIR/scenario.yaml, DIR/policies/, DIR/pods-map.json, DIR/capture.json' })
  .option('name', { type: 'string', describe: 'metadata.name of the scenario (default: capture-CONTEXT)' });

export type CaptureCommandOptions = OptionsOf<typeof builder>;

export const captureCommand = defineCommand({
  command: 'capture',
  describe: 'Read a live cluster read-only (get/list) and write a replayable scenario, its policies and a pods map',
  builder,
  run: async (o, deps) => (await import('./capture-run.ts')).run(o, deps),
});
