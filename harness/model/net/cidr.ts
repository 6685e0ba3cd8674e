// IPv4/IPv6 addresses and CIDRs, parsed strictly (no DNS names, no zones).

export interface IpAddress { version: 4 | 6; value: bigint }
export interface Cidr { version: 4 | 6; network: bigint; prefix: number; text: string }

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): number[] | undefined => {
    if (part === undefined || part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (const [i, g] of items.entries()) {
      if (g.includes('.') && i === items.length - 1) {
        const v4 = parseIPv4(g);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        out.push(parseInt(g, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseIp(s: string): IpAddress | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = s.includes(':') ? parseIPv6(s) : undefined;
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

/** "a.b.c.d/n" or IPv6 equivalent; with allowBareIp an address alone means a /32 or /128. */
export function parseCidr(s: string, options: { allowBareIp?: boolean } = {}): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash === -1 && !options.allowBareIp) return undefined;
  const ip = parseIp(slash === -1 ? s : s.slice(0, slash));
  if (ip === undefined) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  let prefix = width;
  if (slash !== -1) {
    const p = s.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > width) return undefined;
  }
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { version: ip.version, network: ip.value & mask, prefix, text: s };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.version !== ip.version) return false;
  const width = cidr.version === 4 ? 32 : 128;
  return (ip.value >> BigInt(width - cidr.prefix)) === (cidr.network >> BigInt(width - cidr.prefix));
}

/** True when `inner` lies inside `outer` and is smaller (Kubernetes ipBlock.except). */
export function isStrictSubnet(inner: Cidr, outer: Cidr): boolean {
  return inner.version === outer.version && inner.prefix > outer.prefix &&
    cidrContains(outer, { version: inner.version, value: inner.network });
}
