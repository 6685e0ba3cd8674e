// Every verb of the CLI. To add one: write commands/<verb>.ts with defineCommand and list it here.
import type { Command } from './command.ts';
import { explainCommand } from './commands/explain.ts';
import { validateCommand } from './commands/validate.ts';
import { clusterCommand } from './commands/cluster.ts';
import { runCommand } from './commands/run.ts';
import { queryCommand } from './commands/query.ts';
import { verifyCommand } from './commands/verify.ts';
import { whatifCommand } from './commands/whatif.ts';
import { captureCommand } from './commands/capture.ts';
import { auditFlowsCommand } from './commands/audit-flows.ts';

export const commands: readonly Command[] = [validateCommand, explainCommand, queryCommand, whatifCommand, captureCommand, auditFlowsCommand, runCommand, verifyCommand, clusterCommand];
