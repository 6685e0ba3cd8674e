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

/** A failed API request, with its HTTP status where it got one. */
export class ApiRequestError extends EnvironmentError {
  override name = 'ApiRequestError';
  readonly status: number | undefined;
  constructor(request: string, e: unknown, hint: string) {
    const status = httpStatus(e);
    const forbidden = status === 401 || status === 403;
    super(`the Kubernetes API refused or failed: ${request}: ${apiMessage(e)}`, {
      hint: forbidden ? `the credentials of this context may not do that: ${request}. Grant it (harness/rbac/tierprobe-run.yaml lists what a run needs), or use a context that may` : hint,
      command: request,
    }, { cause: e });
    this.status = status;
  }
}

export function apiFailure(request: string, e: unknown, hint = 'check that the cluster is up: npx tierprobe cluster status'): ApiRequestError {
  return new ApiRequestError(request, e, hint);
}

/** A refusal no retry cures: unauthenticated or forbidden. */
export function isForbidden(e: unknown): boolean {
  const status = e instanceof ApiRequestError ? e.status : httpStatus(e);
  return status === 401 || status === 403;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
