// The probe agent's batch protocol (probes/README.md): what goes in on stdin, what comes out.
import { isIP } from 'node:net';
import { z } from 'zod';
import { observedValues } from '../../diff/index.ts';

/** host: an IP literal, or a name the agent looks up first (a Service's `name.ns.svc`). */
export interface AgentTarget { id: string; host: string; port: number; protocol: 'TCP' | 'UDP'; sourcePort?: number }
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
  /** A named host: the address it was looked up to. */
  resolved: z.string().optional(),
  /** A named host whose lookup failed: the result is an error, nothing was sent. */
  lookupFailed: z.boolean().optional(),
  /** A connected attempt: the pod its agent's banner or echo names (which backend of a Service answered). */
  pod: z.string().optional(),
});
export const agentOutput = z.object({ results: z.array(agentResult) });

export type AgentResult = z.infer<typeof agentResult>;

/** The agent answers as many attempts at once as this; a bigger batch takes more timeouts. */
export const agentConcurrency = 256;

/** How long a batch can take inside the agent, at worst (a named host's lookup has a timeout of its own). */
export function batchWorstCaseMs(batch: AgentBatch): number {
  const named = batch.targets.some((t) => !isIP(t.host));
  return Math.ceil(batch.targets.length / agentConcurrency) * batch.timeoutMs * (named ? 2 : 1);
}
