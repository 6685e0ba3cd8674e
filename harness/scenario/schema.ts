// The scenario file schema (SCENARIO-FORMAT.md, v1alpha1). Strict: unknown fields are errors.
// The parsed types come from here; resolve.ts turns them into the defaulted internal Scenario.
import { z } from 'zod';
import { parseAddress, type Address } from '../diff/address.ts';
import type { PortSpec, Protocol } from '../model/index.ts';
import { parseCidr } from '../model/net/cidr.ts';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const name = (what: string) =>
  z.string({ error: `${what} must be a string` })
    .max(63, 'must be at most 63 characters')
    .regex(dnsLabel, `must be a lowercase DNS label (a-z, 0-9 and '-', starting and ending alphanumeric)`);

const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const labels = z.record(
  z.string().regex(labelKey, 'is not a valid label key'),
  z.string({ error: 'label values must be strings: quote numbers and booleans' }).regex(labelValue, 'is not a valid label value (63 characters at most: letters, digits, -, _ and .)'),
);

export const protocols = ['TCP', 'UDP', 'SCTP'] as const satisfies readonly Protocol[];
const protocol = z.enum(protocols, { error: 'protocol must be TCP, UDP or SCTP' });
const portNumber = z.number({ error: 'port must be a number' }).int('port must be an integer').min(1, 'port must be 1 to 65535').max(65535, 'port must be 1 to 65535');

/** `N/PROTO`, e.g. 80/TCP. */
export const portString = z.string({ error: 'a port is written N/PROTO, e.g. 80/TCP' }).transform((text, ctx): { port: number; protocol: Protocol } => {
  const m = /^(\d+)\/([A-Za-z]+)$/.exec(text);
  const number = Number(m?.[1]);
  const proto = protocols.find((p) => p === m?.[2]);
  if (!m) ctx.addIssue({ code: 'custom', message: `"${text}" is not a port: write N/PROTO, e.g. 80/TCP` });
  else if (!proto) ctx.addIssue({ code: 'custom', message: `"${text}": protocol must be TCP, UDP or SCTP (upper case)` });
  else if (!(number >= 1 && number <= 65535)) ctx.addIssue({ code: 'custom', message: `"${text}": port must be 1 to 65535` });
  return { port: number, protocol: proto ?? 'TCP' };
});

/** Extension: a port with a name, for named ports in policies. */
const portObject = z.strictObject({
  port: portNumber,
  protocol: protocol.default('TCP'),
  name: z.string().regex(/^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, 'port name must be a lowercase IANA service name of at most 15 characters').optional(),
});
const portEntry = z.union([portString, portObject], { error: 'a port is N/PROTO (e.g. 80/TCP) or {port, protocol, name}' }).transform((p): PortSpec => ({ ...p }));

/** Milliseconds of a duration such as 500ms, 1s, 2.5s or 10m (probe.timeout, traffic); undefined if it is none. */
export function durationMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  return m ? Number(m[1]) * (m[2] === 'm' ? 60000 : m[2] === 's' ? 1000 : 1) : undefined;
}
const notADuration = (text: string) => `"${text}" is not a duration: write e.g. 500ms, 1s, 2.5s`;

const duration = z.string().transform((text, ctx) => {
  const ms = durationMs(text) ?? NaN;
  if (!(ms > 0)) ctx.addIssue({ code: 'custom', message: notADuration(text) });
  return ms;
});

const address = z.string({ error: 'address must be a string like ns/pod or external:NAME' }).transform((text, ctx): Address => {
  const parsed = parseAddress(text);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  return typeof parsed === 'string' ? { kind: 'pod', namespace: '*', pod: '*' } : parsed;
});
const cidr = z.string({ error: 'a CIDR is written like 10.244.0.0/16' }).refine((text) => parseCidr(text) !== undefined, { error: (i) => `${JSON.stringify(i.input)} is not a CIDR: write it like 10.244.0.0/16` });
const verdict = z.enum(['allow', 'deny'], { error: 'verdict must be allow or deny' });

const expectRule = z.strictObject({ from: address, to: address, port: portString.optional(), verdict });
export const expectation = z.strictObject({ default: verdict.optional(), rules: z.array(expectRule).default([]) });
/**
 * Extension (issue 11): a guardrail: cells (the expect rule syntax) whose verdict must hold from
 * a step on, whatever app teams add in the tiers evaluated after the one that decides them.
 */
export const guardrail = z.strictObject({
  name: name('guardrail name'),
  from: address, to: address, port: portString.optional(), verdict,
  since: z.string({ error: 'since names a step of the scenario' }).min(1, 'since names a step of the scenario').optional(),
});

export const applyEntry = z.strictObject({ file: z.string().min(1).optional(), inline: z.string().optional() })
  .refine((e) => (e.file === undefined) !== (e.inline === undefined), 'give exactly one of file or inline');
export const deleteEntry = z.strictObject({ kind: z.string().min(1), name: z.string().min(1), namespace: z.string().optional(), apiVersion: z.string().optional() });

/** Extension: `promote: all` or `promote: [Kind/namespace/name, Kind/name, ...]` (see promotion.ts). */
const promoteShape = 'promote is all or a list of Kind/namespace/name (Kind/name for a global kind)';
const promoteField = z.union([
  z.literal('all', { error: promoteShape }),
  z.array(z.string({ error: 'a promote entry is Kind/namespace/name, or Kind/name for a global kind' }).min(1))
    .min(1, 'promote lists at least one staged policy; or write promote: all'),
], { error: promoteShape });

/**
 * Extension (issue 9): one `traffic:` entry of a step. Shape, syntax and ranges are checked here;
 * whether its addresses and port exist in the scenario, and the per-step bounds, in traffic-entries.ts.
 */
const trafficDuration = (field: string, within: (ms: number) => boolean, range: string) =>
  z.string({ error: `${field} is a duration such as 500ms, 3s or 1m` }).transform((text, ctx) => {
    const ms = durationMs(text);
    if (ms === undefined) ctx.addIssue({ code: 'custom', message: notADuration(text) });
    else if (!within(ms)) ctx.addIssue({ code: 'custom', message: `${field} must be ${range}, not ${text}` });
    return ms ?? 0;
  });
const loadSpan = (ms: number) => ms >= 1000 && ms <= 600000;
const positive = (ms: number) => ms > 0;
/** Kept as written (TrafficEntry.from/to); what is wrong with it, if anything. */
function trafficPatternProblem(field: 'from' | 'to', text: string): string | undefined {
  if (text.startsWith('svc:')) {
    return field === 'to' ? `"${text}": traffic to a Service is not supported yet` : `"${text}": traffic starts from pods: write from as ns/pod (with * for any)`;
  }
  const parsed = parseAddress(text);
  if (typeof parsed === 'string') return parsed;
  if (field === 'from' && parsed.kind === 'external') return `"${text}": an external is only a destination; traffic starts from pods`;
  return undefined;
}
const trafficPattern = (field: 'from' | 'to') =>
  z.string({ error: `${field} must be a string like ns/pod${field === 'to' ? ' or external:NAME' : ''}` }).transform((text, ctx) => {
    const message = trafficPatternProblem(field, text);
    if (message) ctx.addIssue({ code: 'custom', message });
    return text;
  });
const trafficEntry = z.strictObject({
  from: trafficPattern('from'),
  to: trafficPattern('to'),
  port: portString.transform((p, ctx): { port: number; protocol: 'TCP' | 'UDP' } => {
    if (p.protocol === 'SCTP') ctx.addIssue({ code: 'custom', message: `"${p.port}/SCTP": the traffic generator sends TCP and UDP only` });
    return { port: p.port, protocol: p.protocol === 'UDP' ? 'UDP' : 'TCP' };
  }),
  rate: z.number({ error: 'rate must be a number: new connections per second per pair' })
    .gt(0, 'rate must be more than 0 (new connections per second per pair)')
    .max(10000, 'rate must be at most 10000 (new connections per second per pair)').optional(),
  before: trafficDuration('before', loadSpan, '1s to 10m').optional(),
  after: trafficDuration('after', loadSpan, '1s to 10m').optional(),
  established: z.enum(['cut', 'kept'], { error: 'established must be cut or kept' }).optional(),
  maxTimeToEnforce: trafficDuration('maxTimeToEnforce', positive, 'more than 0').optional(),
  maxTimeToOpen: trafficDuration('maxTimeToOpen', positive, 'more than 0').optional(),
});

/**
 * Extension (issue 10): one `relabel:` entry of a step: set and remove labels of one of the
 * scenario's pods (`pod: ns/name`) or namespaces. Targets and keys are checked in relabel.ts.
 */
const relabelEntry = z.strictObject({
  pod: z.string({ error: 'pod is written ns/name' }).regex(/^[^/]+\/[^/]+$/, 'pod is written ns/name, e.g. x/a').optional(),
  namespace: z.string({ error: 'namespace must be a string' }).min(1).optional(),
  labels: labels.optional(),
  remove: z.array(z.string().regex(labelKey, 'is not a valid label key')).min(1, 'remove lists at least one label key').optional(),
}).superRefine((e, ctx) => {
  if ((e.pod === undefined) === (e.namespace === undefined)) ctx.addIssue({ code: 'custom', message: 'a relabel entry names exactly one of pod (ns/name) or namespace' });
  if (e.labels === undefined && e.remove === undefined) ctx.addIssue({ code: 'custom', message: 'a relabel entry sets labels, removes them (remove: [key]), or both' });
  for (const [i, key] of (e.remove ?? []).entries()) {
    if (e.labels?.[key] !== undefined) ctx.addIssue({ code: 'custom', path: ['remove', i], message: `"${key}" is both set and removed` });
  }
});

const step = z.strictObject({
  name: z.string({ error: 'step name must be a string' }).min(1, 'step name must not be empty'),
  // Optional, not defaulted: a promote step must not have them, and an empty list counts.
  apply: z.array(applyEntry).optional(),
  delete: z.array(deleteEntry).optional(),
  promote: promoteField.optional(),
  expect: expectation.optional(),
  expectStaged: expectation.optional(),
  expectPromoted: expectation.optional(),
  traffic: z.array(trafficEntry).optional(),
  relabel: z.array(relabelEntry).min(1, 'relabel lists at least one pod or namespace').optional(),
});

/** Extension (issue 10): a ClusterIP Service of a namespace; checked against its pods in services.ts. */
const ianaName = z.string().regex(/^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, 'must be a lowercase IANA service name of at most 15 characters (a-z, 0-9, -; a letter somewhere)');
const servicePort = z.strictObject({
  name: ianaName.optional(),
  port: portNumber,
  protocol: protocol.default('TCP'),
  targetPort: z.union([portNumber, ianaName], { error: 'targetPort is a port number (1 to 65535) or the name of a port the pods declare' }).optional(),
});
const service = z.strictObject({
  name: z.string({ error: 'service name must be a string' }).max(63, 'must be at most 63 characters')
    .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, "a Service name is a DNS-1035 label: a-z, 0-9 and '-', starting with a letter"),
  selector: labels.refine((l) => Object.keys(l).length > 0, 'a Service needs a selector: without one Kubernetes makes no endpoints for it'),
  ports: z.array(servicePort).min(1, 'a Service needs at least one port'),
});

const pod = z.strictObject({
  name: name('pod name'),
  labels: labels.default({}),
  ports: z.array(portEntry).default([]),
  /** Extension: the pod's service account (default: default). */
  serviceAccount: name('serviceAccount').optional(),
});

export const scenarioSchema = z.strictObject({
  apiVersion: z.literal('tierprobe/v1alpha1', { error: 'must be tierprobe/v1alpha1' }),
  kind: z.literal('Scenario', { error: 'must be Scenario' }),
  metadata: z.strictObject({ name: name('metadata.name'), description: z.string().optional() }),
  cluster: z.strictObject({
    provider: z.enum(['kind', 'existing'], { error: 'provider must be kind or existing' }).default('kind'),
    kindConfig: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    probeImage: z.string().regex(/^\S+$/, 'probeImage must be an image reference (registry/name:tag or @sha256:...)').optional(),
    /** Extension (issue 10): provider existing: the cluster's pod CIDR(s), where offline pods lie. */
    podCIDR: z.union([z.array(cidr).min(1, 'podCIDR lists at least one CIDR'), cidr.transform((c) => [c])], { error: 'podCIDR is a CIDR such as 10.244.0.0/16, or a list of them' }).optional(),
  }).optional(),
  probe: z.strictObject({ timeout: duration.optional(), ports: z.array(portEntry).min(1, 'probe.ports must list at least one port').optional() }).optional(),
  namespaces: z.array(z.strictObject({ name: name('namespace name'), labels: labels.default({}), pods: z.array(pod).default([]), services: z.array(service).default([]) }))
    .min(1, 'a scenario needs at least one namespace'),
  externals: z.array(z.strictObject({
    name: name('external name'),
    ip: z.union([z.ipv4(), z.ipv6()], { error: 'ip must be an IPv4 or IPv6 address' }),
    ports: z.array(portEntry).min(1, 'an external needs at least one port'),
  })).default([]),
  steps: z.array(step).min(1, 'a scenario needs at least one step'),
  guardrails: z.array(guardrail).default([]),
});

export type ScenarioFile = z.output<typeof scenarioSchema>;
export type StepFile = ScenarioFile['steps'][number];
export type ExpectationFile = z.output<typeof expectation>;
export type TrafficEntryFile = z.output<typeof trafficEntry>;
export type RelabelEntryFile = z.output<typeof relabelEntry>;
export type ServiceFile = z.output<typeof service>;
export type GuardrailFile = z.output<typeof guardrail>;
