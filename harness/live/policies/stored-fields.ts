// Did the API server keep every field the document set, in meaning? Defaulting adds fields
// (metadata.uid, imagePullPolicy, a port's protocol): additions are never losses. What must not
// happen is that a field the author gave content goes missing: a client or an API server that
// drops it changes what the object means (a rule's `from` dropped allows every source; a port's
// `endPort` dropped by a cluster whose API predates it narrows the range to one port).
//
// The rule: a sent value is lost when the stored object lacks it (absent or null) and it has
// content. A value *without* content, zero in meaning, is:
//   - null;
//   - '' , 0, false;
//   - [] (an empty list);
//   - an object whose every value is zero in meaning ({} included, { matchLabels: {} } too).
// Why these are kept in meaning although they may be absent from the stored object: the API
// server decodes into Go types and encodes back with `omitempty`, so an empty slice, an empty
// map, '' , 0 and false in a non-pointer field come back absent, and the server cannot tell
// them from absent either: it acts on exactly what it would have if the author had left them
// out (`ingress: []` is deny-all just like no `ingress`; an env var's `value: ''` is the empty
// value either way). A server never drops a value with content from a field it knows, so such
// a drop means the field is unknown (an API version that predates it; a CRD schema that prunes
// it), and is reported. A zero value in a field the server does not know is not reported: the
// Kubernetes API conventions have a new field's zero/absent value keep the old behaviour, which
// is what a server without the field does. (Limit: a new pointer field whose zero value differs
// from absent, sent to a server that predates it, passes unnoticed.)
//
// Lists are matched by index. A list with elements has content whatever its elements hold:
// `ingress: [{}]` (allow all) differs from `ingress: []` (deny all), so a stored list that is
// absent, or shorter, loses the missing elements; within an element that is there, the same
// rule applies field by field (`ingress: [{from: []}]` stored as `ingress: [{}]` is kept).
// Values are compared for presence, not equality: the server normalises some (quantities,
// `1000m` → `1`) without changing their meaning.

/** A value the API server may leave out of the stored object without changing its meaning. */
export function zeroInMeaning(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v).every(zeroInMeaning);
  return false;
}

/** Paths (a.b[0].c) the document sets, with content, and the stored object lacks. */
export function missingFields(sent: unknown, stored: unknown, path = ''): string[] {
  if (zeroInMeaning(sent)) return [];
  const at = path || '(root)';
  if (stored === undefined || stored === null) return [at];
  if (Array.isArray(sent)) {
    if (!Array.isArray(stored)) return [at];
    // An element that is there in the list (even {}) has content by its position.
    return sent.flatMap((v, i) => {
      const p = `${path}[${i}]`;
      if (i >= stored.length) return [p];
      return missingFields(v, stored[i], p);
    });
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof stored !== 'object' || Array.isArray(stored)) return [at];
    const have = new Map<string, unknown>(Object.entries(stored));
    return Object.entries(sent).flatMap(([k, v]) => missingFields(v, have.get(k), path ? `${path}.${k}` : k));
  }
  return [];
}
