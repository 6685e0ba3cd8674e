// Calico port values (numorstring.Port): a number, an inclusive range "a:b", or a port name.

export type PortMatch = { kind: 'range'; min: number; max: number } | { kind: 'named'; name: string };
export type PortParse = { ok: true; port: PortMatch } | { ok: false; message: string };

const RANGE_MESSAGE = 'port range invalid, port number must be between 1 and 65535';

/** Kubernetes IsValidPortName (IANA service name). */
export function isValidPortName(name: string): boolean {
  return name.length >= 1 && name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) &&
    /[a-z]/.test(name) && !name.includes('--');
}

function single(n: number): PortParse {
  if (!Number.isInteger(n) || n < 1 || n > 65535) return { ok: false, message: RANGE_MESSAGE };
  return { ok: true, port: { kind: 'range', min: n, max: n } };
}

export function portRange(min: number, max: number): PortParse {
  if (min < 1 || max < 1 || min > 65535 || max > 65535) return { ok: false, message: RANGE_MESSAGE };
  if (min > max) {
    return { ok: false, message: `minimum port number (${min}) is greater than maximum port number (${max}) in port range` };
  }
  return { ok: true, port: { kind: 'range', min, max } };
}

export function parsePort(value: string | number): PortParse {
  if (typeof value === 'number') return single(value);
  if (/^[0-9]+$/.test(value)) return single(Number(value));
  const range = /^([0-9]+):([0-9]+)$/.exec(value);
  if (range) return portRange(Number(range[1]), Number(range[2]));
  if (isValidPortName(value)) return { ok: true, port: { kind: 'named', name: value } };
  return { ok: false, message: `invalid port format (${value})` };
}

export function printPort(p: PortMatch): string {
  if (p.kind === 'named') return p.name;
  return p.min === p.max ? String(p.min) : `${p.min}:${p.max}`;
}
