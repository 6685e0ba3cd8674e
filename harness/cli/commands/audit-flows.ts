// tierprobe audit-flows --context C [--since 15m] [--capture DIR] [--format table|json]: the
// cluster's recent Goldmane flows against the model of its captured state. The implementation
// (audit-flows-run.ts) loads only when it runs.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withLiveModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withLiveModelOptions(y
  .option('context', { type: 'string', demandOption: true, describe: 'the kubeconfig context whose flows to read (it must be allowed: --allow-context or TIERPROBE_ALLOW_CONTEXTS)' })
  .option('kubeconfig', { type: 'string', describe: 'kubeconfig file (default: the first of $KUBECONFIG, else ~/.kube/config)' })
  .option('since', { type: 'string', default: '15m', describe: 'how far back to read flows (90s, 15m, 1h30m)' })
  .option('capture', { type: 'string', describe: 'a capture directory (tierprobe capture --out DIR); without it the cluster is captured now, in memory' })
  .option('namespaces', { type: 'string', describe: 'without --capture: the namespaces to capture, comma-separated (default: all but the system ones)' })
  .option('allow-partial', { type: 'boolean', default: false, describe: 'without --capture: go on although RBAC hid some kinds from the capture (the model then lacks them)' })
  .option('format', { choices: ['table', 'json'] as const, default: 'table' as const, describe: 'output format' })
  .option('allow-context', { type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'a context audit-flows may read (also TIERPROBE_ALLOW_CONTEXTS)' })
  .option('pull', { choices: ['auto', 'never', 'always'] as const, default: 'auto' as const, describe: 'without --capture: calicoctl is downloaded where a registry answers, only built, or only downloaded' }));

export type AuditFlowsOptions = OptionsOf<typeof builder>;

export const auditFlowsCommand = defineCommand({
  command: 'audit-flows',
  describe: "Compare the cluster's recent Goldmane flows with the model's verdicts under its captured policies (exit 1 on a disagreement)",
  builder,
  run: async (o, deps) => (await import('./audit-flows-run.ts')).run(o, deps),
});
