// zod issues as model problems, and YAML nulls read as absent fields (as Kubernetes does).
import type { z } from 'zod';
import type { ProblemSink } from '../compile/problems.ts';

export function reportZodIssues(error: z.ZodError, sink: ProblemSink): void {
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) sink.invalid([...path, key], `unknown field ${JSON.stringify(key)}`);
    } else {
      sink.invalid(path, issue.message);
    }
  }
}

/** Drop null-valued object fields, recursively: `ingress:` with no value means no ingress. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) out[k] = withoutNulls(v);
  }
  return out;
}
