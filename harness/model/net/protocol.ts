// Calico protocol values (numorstring.Protocol): a name or a number from 1 to 255.

export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  TCP: 6, UDP: 17, ICMP: 1, ICMPv6: 58, SCTP: 132, UDPLite: 136,
};

export type ProtocolParse = { ok: true; number: number } | { ok: false; message: string };

/** Parse the way Calico's validator does; names are case-sensitive. */
export function parseProtocol(value: string | number): ProtocolParse {
  const numeric = typeof value === 'number' ? value : /^[0-9]+$/.test(value) ? Number(value) : undefined;
  if (numeric !== undefined) {
    if (!Number.isInteger(numeric) || numeric < 1 || numeric > 255) return { ok: false, message: 'protocol number invalid' };
    return { ok: true, number: numeric };
  }
  const n = typeof value === 'string' ? PROTOCOL_NUMBERS[value] : undefined;
  return n === undefined ? { ok: false, message: 'protocol name invalid' } : { ok: true, number: n };
}

/** Calico: only TCP, UDP and SCTP rules may carry ports. */
export function protocolSupportsPorts(n: number): boolean {
  return n === 6 || n === 17 || n === 132;
}
