// Did the API server keep every field the document set? Defaulting adds fields; none of the
// author's may go missing (a client that drops a field changes what the policy means).

/** Paths (a.b[0].c) the document sets and the stored object lacks. */
export function missingFields(sent: unknown, stored: unknown, path = ''): string[] {
  if (Array.isArray(sent)) {
    if (!Array.isArray(stored)) return [path || '(root)'];
    return sent.flatMap((v, i) => missingFields(v, stored[i], `${path}[${i}]`));
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return [path || '(root)'];
    const have = new Map(Object.entries(stored));
    return Object.entries(sent).flatMap(([k, v]) => {
      const at = path ? `${path}.${k}` : k;
      if (v === null || v === undefined) return [];
      return have.has(k) ? missingFields(v, have.get(k), at) : [at];
    });
  }
  return stored === undefined ? [path] : [];
}
