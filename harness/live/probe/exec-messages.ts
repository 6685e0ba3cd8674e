// How an exec's failures read: the websocket's own message, and the agent's stderr.

/** The websocket library rejects with an ErrorEvent, not an Error: its message is what counts. */
export function messageOf(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'message' in cause && typeof cause.message === 'string') return cause.message;
  return String(cause);
}

/** What the agent wrote on stderr, as a suffix for a message (at most 300 characters). */
export function stderrOf(err: Buffer[]): string {
  const text = Buffer.concat(err).toString().trim();
  return text ? `: ${text.slice(0, 300)}` : '';
}
