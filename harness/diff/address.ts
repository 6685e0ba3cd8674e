// Addresses in expectation rules: `ns/pod` with `*` as a whole-segment wildcard, or `external:NAME`.

export type Address =
  | { kind: 'pod'; namespace: string; pod: string }
  | { kind: 'external'; name: string };

export const wildcard = '*';
const segment = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|\*)$/;

/** The address, or a message saying what is wrong with the text. */
export function parseAddress(text: string): Address | string {
  if (text.startsWith('external:')) {
    const name = text.slice('external:'.length);
    return segment.test(name) ? { kind: 'external', name } : `"${text}": external name "${name}" must be a lowercase name or *`;
  }
  const parts = text.split('/');
  if (parts.length !== 2) return `"${text}" is not an address: write ns/pod (with * for any), or external:NAME`;
  const [namespace = '', pod = ''] = parts;
  for (const part of [namespace, pod]) {
    if (!segment.test(part)) return `"${text}": "${part}" must be a lowercase name or *`;
  }
  return { kind: 'pod', namespace, pod };
}

export function formatAddress(a: Address): string {
  return a.kind === 'external' ? `external:${a.name}` : `${a.namespace}/${a.pod}`;
}

/** Does the address cover `endpoint` (a cell's `ns/pod` or `external:NAME`)? */
export function addressMatches(a: Address, endpoint: string): boolean {
  if (endpoint.startsWith('external:')) {
    return a.kind === 'external' && (a.name === wildcard || a.name === endpoint.slice('external:'.length));
  }
  if (a.kind !== 'pod') return false;
  const [namespace, pod] = endpoint.split('/');
  return (a.namespace === wildcard || a.namespace === namespace) && (a.pod === wildcard || a.pod === pod);
}
