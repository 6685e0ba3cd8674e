// Addresses in expectation rules: `ns/pod` with `*` as a whole-segment wildcard, `external:NAME`,
// or `svc:NS/NAME` (a Service: matched only by svc: addresses, never by `*/*`).

export type Address =
  | { kind: 'pod'; namespace: string; pod: string }
  | { kind: 'external'; name: string }
  | { kind: 'service'; namespace: string; name: string };

export const wildcard = '*';
const segment = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|\*)$/;

/** The address, or a message saying what is wrong with the text. */
export function parseAddress(text: string): Address | string {
  if (text.startsWith('external:')) {
    const name = text.slice('external:'.length);
    return segment.test(name) ? { kind: 'external', name } : `"${text}": external name "${name}" must be a lowercase name or *`;
  }
  if (text.startsWith('svc:')) {
    const [namespace = '', name = '', ...rest] = text.slice('svc:'.length).split('/');
    if (rest.length > 0 || name === '') return `"${text}" is not a Service: write svc:NS/NAME (with * for any)`;
    for (const part of [namespace, name]) {
      if (!segment.test(part)) return `"${text}": "${part}" must be a lowercase name or *`;
    }
    return { kind: 'service', namespace, name };
  }
  const parts = text.split('/');
  if (parts.length !== 2) return `"${text}" is not an address: write ns/pod (with * for any), external:NAME or svc:NS/NAME`;
  const [namespace = '', pod = ''] = parts;
  for (const part of [namespace, pod]) {
    if (!segment.test(part)) return `"${text}": "${part}" must be a lowercase name or *`;
  }
  return { kind: 'pod', namespace, pod };
}

export function formatAddress(a: Address): string {
  if (a.kind === 'service') return `svc:${a.namespace}/${a.name}`;
  return a.kind === 'external' ? `external:${a.name}` : `${a.namespace}/${a.pod}`;
}

/** Does the address cover `endpoint` (a cell's `ns/pod`, `external:NAME` or `svc:NS/NAME`)? */
export function addressMatches(a: Address, endpoint: string): boolean {
  if (endpoint.startsWith('external:')) {
    return a.kind === 'external' && (a.name === wildcard || a.name === endpoint.slice('external:'.length));
  }
  if (endpoint.startsWith('svc:')) {
    if (a.kind !== 'service') return false;
    const [namespace, name] = endpoint.slice('svc:'.length).split('/');
    return (a.namespace === wildcard || a.namespace === namespace) && (a.name === wildcard || a.name === name);
  }
  if (a.kind !== 'pod') return false;
  const [namespace, pod] = endpoint.split('/');
  return (a.namespace === wildcard || a.namespace === namespace) && (a.pod === wildcard || a.pod === pod);
}
