// Failures of Kubernetes API requests, as EnvironmentErrors that say which request failed and why.
import { ApiException } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';

/** The HTTP status of a failed client-node request, if it got that far. */
export function httpStatus(e: unknown): number | undefined {
  return e instanceof ApiException ? e.code : undefined;
}

/** The API server's own message (Status.message), else the error's. */
export function apiMessage(e: unknown): string {
  if (e instanceof ApiException) {
    const body: unknown = typeof e.body === 'string' ? safeJson(e.body) : e.body;
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') return `${e.code}: ${body.message}`;
    return `${e.code}`;
  }
  return e instanceof Error ? e.message : String(e);
}

export function apiFailure(request: string, e: unknown, hint = 'check that the cluster is up: npx tierprobe cluster status'): EnvironmentError {
  return new EnvironmentError(`the Kubernetes API refused or failed: ${request}: ${apiMessage(e)}`, { hint, command: request }, { cause: e });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
