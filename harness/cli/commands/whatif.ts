// tierprobe whatif SCENARIO|DIR CHANGE.yaml... or whatif --context C CHANGE.yaml...: what a change
// would do to a step's matrix, or to a live cluster's (captured read-only first). The
// implementation (whatif-run.ts) is loaded only when the verb runs, so the other verbs start
// without the model.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withLiveModelOptions } from '../shared-options.ts';
import { withCaptureSourceOptions } from './capture-options.ts';

export const builder = (y: Argv) => withCaptureSourceOptions(withLiveModelOptions(y
  .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'a scenario file or capture directory, then change files (policy documents, or a tierprobe/v1alpha1 Change with apply and delete); with --context, change files only' })
  .option('step', { type: 'string', describe: 'the state to change: this step (by name); default: the last' })
  .option('format', { choices: ['table', 'json', 'dot'] as const, default: 'table' as const, describe: 'output format (dot: a Graphviz digraph of the flips)' })
  .option('expect', { type: 'string', describe: 'a file with expect (default, rules) and/or guardrails that must hold after the change (exit 1 if not)' }),
'Calico version the model follows: offline 3.31 unless given; with --context the cluster\'s, and a disagreement is said'),
'the live cluster to predict against: captured read-only first, as tierprobe capture does (it must be allowed: --allow-context or TIERPROBE_ALLOW_CONTEXTS)')
  .option('capture-out', { type: 'string', describe: 'with --context: keep the capture in this directory (default: a temporary one, removed)' });

export type WhatifOptions = OptionsOf<typeof builder>;

export const whatifCommand = defineCommand({
  command: 'whatif <inputs..>',
  describe: 'Show which cells a change would flip at a step, or on a live cluster (read-only), and what decided them before and after (exit 1 if --expect breaks)',
  builder,
  run: async (o, deps) => (await import('./whatif-run.ts')).run(o, deps),
});
