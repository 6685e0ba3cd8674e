import { UsageError } from '../errors.ts';

/**
 * A context tierprobe may use on a cluster it does not own: one named in --allow-context or
 * TIERPROBE_ALLOW_CONTEXTS (contextsFromEnv). `does` says what tierprobe would do there.
 */
export function assertContextAllowed(context: string, allowed: readonly string[], does: string): void {
  if (allowed.includes(context)) return;
  throw new UsageError(`context "${context}" is not allowed: ${does}. `
    + `Allow it with --allow-context ${context} or TIERPROBE_ALLOW_CONTEXTS=${context}`);
}
