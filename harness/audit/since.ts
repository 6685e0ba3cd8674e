// --since: how far back flows are read, as Go and Felix write durations (90s, 15m, 1h30m). Pure.
import { UsageError } from '../errors.ts';

const units: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Seconds; a UsageError naming the flag for anything else. */
export function parseSince(text: string): number {
  const parts = [...text.matchAll(/(\d+)([smh])/g)];
  if (!/^(\d+[smh])+$/.test(text) || parts.length === 0) throw new UsageError(`--since ${text}: a duration such as 90s, 15m or 1h30m`);
  const seconds = parts.reduce((n, m) => n + Number(m[1]) * (units[m[2] ?? 's'] ?? 1), 0);
  if (seconds <= 0) throw new UsageError(`--since ${text}: must be longer than 0 s`);
  return seconds;
}
