// What Felix does with denied traffic, read from the `default` FelixConfiguration: Drop
// (no answer) or Reject (felix renders `-j REJECT` / nftables `reject` with no argument: an
// ICMP port unreachable from the node, which a connecting socket reports as ECONNREFUSED,
// the same errno a missing listener gives). Pure: the stored object in, the reading out.
import { z } from 'zod';

export type DenyAction = 'Drop' | 'Reject';
export type DenyActionField = 'iptablesFilterDenyAction' | 'nftablesFilterDenyAction' | 'bpfEnabled';

export interface DenyActionReading {
  action: DenyAction;
  /** The field that decides, given the dataplane the configuration selects. */
  field: DenyActionField;
  /** The field is set (false: Felix's own default, Drop, applies). */
  set: boolean;
  /** Where the reading came from, for a cell's detail: "FelixConfiguration default sets iptablesFilterDenyAction=Reject". */
  source: string;
}

/** The reading the live runner hands to each round; `unknown` when it could not be read. */
export type DenySetting = DenyActionReading | { action: 'unknown'; why: string };

/** The deny action in the FelixConfiguration's spec is not Drop or Reject. */
export class DenyActionError extends Error {
  override name = 'DenyActionError';
}

// Only the fields read here; the spec has many more (they are left alone, not rejected).
const storedConfiguration = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    iptablesFilterDenyAction: z.string().optional(),
    nftablesFilterDenyAction: z.string().optional(),
    nftablesMode: z.string().optional(),
    bpfEnabled: z.boolean().optional(),
  }).optional(),
});

/**
 * The reading of a stored FelixConfiguration (crd.projectcalico.org/v1, whose spec is the
 * projectcalico.org/v3 spec), or of none (undefined: Felix's defaults). As felix does
 * (config_params.go FilterDenyAction): nftablesFilterDenyAction when nftablesMode is Enabled,
 * else iptablesFilterDenyAction; values are case-insensitive; unset means Drop. The eBPF
 * dataplane does not read either field.
 */
export function denyActionOf(stored: unknown): DenyActionReading {
  if (stored === undefined) {
    return { action: 'Drop', field: 'iptablesFilterDenyAction', set: false, source: "there is no FelixConfiguration default (Felix's default: Drop)" };
  }
  const parsed = storedConfiguration.safeParse(stored);
  if (!parsed.success) throw new DenyActionError(`the FelixConfiguration is not what Calico stores: ${parsed.error.message}`);
  const name = parsed.data.metadata.name;
  const spec = parsed.data.spec ?? {};
  if (spec.bpfEnabled === true) {
    return { action: 'Drop', field: 'bpfEnabled', set: true, source: `FelixConfiguration ${name} sets bpfEnabled=true (the eBPF dataplane drops; the deny action fields are for iptables and nftables)` };
  }
  const field = spec.nftablesMode?.toLowerCase() === 'enabled' ? 'nftablesFilterDenyAction' : 'iptablesFilterDenyAction';
  const value = spec[field];
  if (value === undefined || value === '') {
    return { action: 'Drop', field, set: false, source: `FelixConfiguration ${name} leaves ${field} unset (Felix's default: Drop)` };
  }
  const action = actionNamed(value);
  if (action === undefined) throw new DenyActionError(`FelixConfiguration ${name} sets ${field}=${value}: neither Drop nor Reject`);
  return { action, field, set: true, source: `FelixConfiguration ${name} sets ${field}=${value}` };
}

function actionNamed(value: string): DenyAction | undefined {
  const v = value.toLowerCase();
  return v === 'drop' ? 'Drop' : v === 'reject' ? 'Reject' : undefined;
}
