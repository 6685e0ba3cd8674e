// The part of a Pod the runner reads from watch events, parsed (watch hands over untyped JSON).
import { z } from 'zod';

const containerState = z.object({
  waiting: z.object({ reason: z.string().optional(), message: z.string().optional() }).optional(),
  running: z.object({}).optional(),
  terminated: z.object({ exitCode: z.number(), reason: z.string().optional(), message: z.string().optional() }).optional(),
});

export const watchedPod = z.object({
  metadata: z.object({ name: z.string(), namespace: z.string(), labels: z.record(z.string(), z.string()).optional() }),
  spec: z.object({ nodeName: z.string().optional() }).optional(),
  status: z.object({
    phase: z.string().optional(),
    podIP: z.string().optional(),
    conditions: z.array(z.object({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() })).optional(),
    containerStatuses: z.array(z.object({ name: z.string(), ready: z.boolean(), state: containerState.optional() })).optional(),
  }).optional(),
});

export type WatchedPod = z.infer<typeof watchedPod>;
