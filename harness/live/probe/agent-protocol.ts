// The probe agent's batch protocol (probes/README.md): what goes in on stdin, what comes out.
import { z } from 'zod';
import { observedValues } from '../../diff/index.ts';

export interface AgentTarget { id: string; host: string; port: number; protocol: 'TCP' | 'UDP' }
export interface AgentBatch { timeoutMs: number; targets: AgentTarget[] }

/** Who answered a refused or rejected attempt, as far as the agent's kernel told (probes/README.md). */
export const answeredByValues = ['destination', 'path', 'unknown'] as const;

export const agentResult = z.object({
  id: z.string(),
  result: z.enum(observedValues),
  latencyMs: z.number(),
  detail: z.string().optional(),
  // An older agent does not send it: a refusal is then as unplaced as `unknown`.
  answeredBy: z.enum(answeredByValues).optional(),
});
export const agentOutput = z.object({ results: z.array(agentResult) });

export type AgentResult = z.infer<typeof agentResult>;

/** The agent answers as many attempts at once as this; a bigger batch takes more timeouts. */
export const agentConcurrency = 256;

/** How long a batch can take inside the agent, at worst. */
export function batchWorstCaseMs(batch: AgentBatch): number {
  return Math.ceil(batch.targets.length / agentConcurrency) * batch.timeoutMs;
}
