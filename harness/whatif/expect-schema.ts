// The --expect file of `tierprobe whatif` (README "tierprobe whatif"): what must hold after the
// change, in the scenario format's syntax: an `expect` block (default and rules) and `guardrails`
// (name, from, to, port, verdict). Strict, as the scenario is.
import { z } from 'zod';
import { expectation, guardrail } from '../scenario/schema.ts';

/** A guardrail holds from a step on in a scenario; here there is one state, the one after the change. */
const whatifGuardrail = guardrail.extend({
  since: z.never({ error: 'since is not allowed here: whatif checks a guardrail in the one state after the change' }).optional(),
});

export const expectFileSchema = z.strictObject({
  expect: expectation.optional(),
  guardrails: z.array(whatifGuardrail).optional(),
}).refine((f) => f.expect !== undefined || f.guardrails !== undefined, 'an --expect file declares expect (default and rules), guardrails, or both');

export type ExpectFile = z.output<typeof expectFileSchema>;
