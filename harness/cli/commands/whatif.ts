// tierprobe whatif SCENARIO CHANGE.yaml... [--step NAME] [--format table|json|dot] [--expect FILE]:
// what a change would do to a step's matrix, offline. The implementation (whatif-run.ts) is loaded
// only when the verb runs, so the other verbs start without the model.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withModelOptions(y
  .positional('file', { type: 'string', demandOption: true, describe: 'scenario file' })
  .positional('changes', { type: 'string', array: true, demandOption: true, describe: 'change files: policy documents, or a tierprobe/v1alpha1 Change (apply, delete)' })
  .option('step', { type: 'string', describe: 'the state to change: this step (by name); default: the last' })
  .option('format', { choices: ['table', 'json', 'dot'] as const, default: 'table' as const, describe: 'output format (dot: a Graphviz digraph of the flips)' })
  .option('expect', { type: 'string', describe: 'a file with expect (default, rules) and/or guardrails that must hold after the change (exit 1 if not)' }));

export type WhatifOptions = OptionsOf<typeof builder>;

export const whatifCommand = defineCommand({
  command: 'whatif <file> <changes..>',
  describe: 'Show which cells a change would flip at a step, and what decided them before and after (offline; exit 1 if --expect breaks)',
  builder,
  run: async (o, deps) => (await import('./whatif-run.ts')).run(o, deps),
});
