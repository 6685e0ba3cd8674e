// Flow records mapped to the cells of a step: per cell, what its Src record (the client's
// egress) and its Dst record (the server's ingress) decided, combined as Calico combines them.
import type { DecidedBy, Verdict } from '../model/index.ts';
import type { FlowResult } from './flow-schema.ts';
import { decideTrace, describeDecider, type LoggedHit, type TraceDecision } from './trace-decision.ts';

/** A probed cell that needs evidence. from: ns/pod; to: ns/pod or external:NAME. */
export interface EvidenceCell { key: string; from: string; to: string; port: number; protocol: 'TCP' | 'UDP' }

export type Reporter = 'Src' | 'Dst';

/** What the records of one reporter said, once they agree. */
export interface ReporterEvidence {
  enforced: TraceDecision;
  pending?: TraceDecision;
  records: number;
  /** Other deciders the same action was logged with, where some records disagree on who decided. */
  also?: string;
  /** Those other deciders, in the model's terms. */
  alsoAs?: (DecidedBy | null)[];
}

export interface CellEvidence {
  records: number;
  loggedVerdict?: Verdict;
  /** The deciding hit, in Calico's terms. */
  loggedBy?: LoggedHit;
  /** loggedBy as the model names it (null: no policy, the profile allowed). */
  loggedAs?: DecidedBy | null;
  loggedStagedVerdict?: Verdict;
  loggedStagedBy?: LoggedHit;
  loggedStagedAs?: DecidedBy | null;
  /** The records disagree (actions or deciders) within buckets after convergence. */
  flaky?: string;
  /** A record the cell needs is not there. */
  missing?: string;
  /** Something the logs cannot say, such as the pending ingress of a packet dropped at egress. */
  note?: string;
  /** Other deciders records of the same action named (see agree()), in the model's terms. */
  alsoAs?: (DecidedBy | null)[];
}

/**
 * staged: the step has staged policies, so the pending traces are read too (without them the
 * pending trace repeats the enforced one and is not compared).
 */
export function cellEvidence(cells: readonly EvidenceCell[], flows: readonly FlowResult[], staged: boolean): Map<string, CellEvidence> {
  const byKey = groupRecords(cells, flows);
  const shared = sharedExternals(cells);
  const out = new Map<string, CellEvidence>();
  for (const cell of cells) {
    const records = byKey.get(cell.key) ?? { Src: [], Dst: [] };
    const others = shared.get(cell.key);
    out.set(cell.key, others && records.Src.length > 0 ? ambiguous(records, others, cell) : combine(cell, records, staged));
  }
  return out;
}

/**
 * A flow record names no external address (Goldmane keys a destination outside the cluster as a
 * network), so two externals a source reaches on one port share their records: neither verdict
 * can be read from them. Keyed by cell: the other externals it cannot be told from.
 */
function sharedExternals(cells: readonly EvidenceCell[]): Map<string, string[]> {
  const byKey = new Map<string, EvidenceCell[]>();
  for (const c of cells) {
    if (!c.to.startsWith('external:')) continue;
    const k = externalKey(c.from, c.port, c.protocol);
    byKey.set(k, [...(byKey.get(k) ?? []), c]);
  }
  const out = new Map<string, string[]>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const c of group) out.set(c.key, group.filter((o) => o !== c).map((o) => o.to));
  }
  return out;
}

function ambiguous(records: Records, others: readonly string[], cell: EvidenceCell): CellEvidence {
  return {
    records: records.Src.length + records.Dst.length,
    note: `flow logs name no external address, so ${cell.from}'s records to ${cell.to} and ${others.join(', ')} on ${cell.port}/${cell.protocol} are one set: no verdict is read from them`,
  };
}

type Records = Record<Reporter, FlowResult[]>;

/** Pod destinations by pod name; externals (no address in a flow key) by source, port and protocol. */
function groupRecords(cells: readonly EvidenceCell[], flows: readonly FlowResult[]): Map<string, Records> {
  const externals = new Map<string, string[]>();
  for (const c of cells) {
    if (!c.to.startsWith('external:')) continue;
    const k = externalKey(c.from, c.port, c.protocol);
    externals.set(k, [...(externals.get(k) ?? []), c.key]);
  }
  const wanted = new Set(cells.map((c) => c.key));
  const out = new Map<string, Records>();
  const add = (key: string, reporter: Reporter, f: FlowResult) => {
    let r = out.get(key);
    if (!r) out.set(key, r = { Src: [], Dst: [] });
    r[reporter].push(f);
  };
  for (const f of flows) {
    const k = f.flow.Key;
    // No connection started in the window: a connection from before (its conntrack entry lives on,
    // in TIME_WAIT) that Felix goes on reporting with the trace that once allowed it. Not evidence.
    if (f.flow.num_connections_started === 0) continue;
    const reporter: Reporter | undefined = k.reporter === 'Src' || k.reporter === 'Dst' ? k.reporter : undefined;
    const protocol = k.proto.toUpperCase();
    if (!reporter || k.source_type !== 'WorkloadEndpoint' || (protocol !== 'TCP' && protocol !== 'UDP')) continue;
    const from = `${k.source_namespace}/${k.source_name}`;
    if (k.dest_type === 'WorkloadEndpoint') {
      const key = `${from} -> ${k.dest_namespace}/${k.dest_name} ${k.dest_port}/${protocol}`;
      if (wanted.has(key)) add(key, reporter, f);
    } else if (reporter === 'Src') {
      for (const key of externals.get(externalKey(from, k.dest_port, protocol)) ?? []) add(key, reporter, f);
    }
  }
  return out;
}

function externalKey(from: string, port: number, protocol: string): string {
  return `${from} ${port}/${protocol}`;
}

function combine(cell: EvidenceCell, records: Records, staged: boolean): CellEvidence {
  const total = records.Src.length + records.Dst.length;
  const external = cell.to.startsWith('external:');
  const src = agree('Src', records.Src, staged);
  const dst = agree('Dst', records.Dst, staged);
  const flaky = [src, dst].flatMap((r) => (typeof r === 'string' ? [r] : []));
  if (flaky.length > 0) return { records: total, flaky: flaky.join('; ') };
  const s = src as ReporterEvidence | undefined;
  const d = dst as ReporterEvidence | undefined;
  if (!s) return { records: total, missing: `no Src record (${cell.from}'s egress)${d ? ', though the Dst record is there' : ''}` };
  const out: CellEvidence = { records: total };
  const also = [s.also, d?.also].filter((x): x is string => x !== undefined);
  if (also.length > 0) out.note = also.join('; ');
  const alsoAs = [...(s.alsoAs ?? []), ...(d?.alsoAs ?? [])];
  if (alsoAs.length > 0) out.alsoAs = alsoAs;
  const enforced = join(s.enforced, external ? undefined : d?.enforced, external);
  if (enforced === 'missing') out.missing = `no Dst record (${cell.to}'s ingress) although egress allowed`;
  else Object.assign(out, decided('logged', enforced));
  if (staged && s.pending) {
    const pending = join(s.pending, external ? undefined : d?.pending, external);
    if (pending !== 'missing') Object.assign(out, decided('loggedStaged', pending));
    else if (!d) out.note = [out.note, 'the pending ingress verdict is not logged: the packet did not reach the destination'].filter(Boolean).join('; ');
  }
  return out;
}

function decided(prefix: 'logged' | 'loggedStaged', t: TraceDecision): Partial<CellEvidence> {
  return {
    [`${prefix}Verdict`]: t.verdict,
    ...(t.decidingHit ? { [`${prefix}By`]: t.decidingHit } : {}),
    ...(t.asModel === undefined ? {} : { [`${prefix}As`]: t.asModel }),
  };
}

/** The client's egress and the server's ingress, as the model's connect() combines them. */
function join(egress: TraceDecision, ingress: TraceDecision | undefined, external: boolean): TraceDecision | 'missing' {
  if (egress.verdict === 'deny' || external) return egress;
  if (!ingress) return 'missing';
  if (ingress.verdict === 'deny') return ingress;
  return ingress.asModel !== null && ingress.asModel !== undefined ? ingress : egress;
}

/**
 * One reporter's records: their single decision, or why they disagree. Records whose actions
 * (or pending verdicts) differ are flaky in the log. Records with the same action but another
 * decider are told, not failed: a UDP probe whose source port matches a conntrack entry of an
 * earlier probe is admitted as established and logged with the trace it was first allowed by
 * (seen live after a policy change); the decider of most connections is taken.
 */
function agree(reporter: Reporter, records: readonly FlowResult[], staged: boolean): ReporterEvidence | string | undefined {
  if (records.length === 0) return undefined;
  const seen = new Map<string, { e: TraceDecision; p?: TraceDecision; n: number; connections: number; action: string }>();
  for (const r of records) {
    const policies = r.flow.Key.policies;
    const e = decideTrace(policies?.enforced_policies ?? []) ?? actionOnly(r.flow.Key.action);
    const p = staged ? decideTrace(policies?.pending_policies ?? []) : undefined;
    // The record's action is what Felix did; the trace explains it.
    const action = `${r.flow.Key.action}${p ? ` (pending ${p.verdict})` : ''}`;
    const k = `${r.flow.Key.action} ${describe(e)}${p ? ` | pending ${describe(p)}` : ''}`;
    const was = seen.get(k);
    if (was) { was.n++; was.connections += r.flow.num_connections_started; }
    else seen.set(k, { e, ...(p ? { p } : {}), n: 1, connections: r.flow.num_connections_started, action });
  }
  const list = [...seen].sort(([, a], [, b]) => b.connections - a.connections);
  if (new Set(list.map(([, v]) => v.action)).size > 1) return `${reporter} records disagree: ${list.map(([k, v]) => `${k} (${v.n})`).join(' / ')}`;
  const [first, ...others] = list;
  if (!first) return undefined;
  const [, top] = first;
  const also = others.length === 0 ? undefined
    : `${reporter} records also name ${others.map(([k, v]) => `${k} (${v.connections} connection(s))`).join(' / ')}; taken: the decider of ${top.connections} connection(s)`;
  const alsoAs = others.flatMap(([, v]) => (v.e.asModel === undefined ? [] : [v.e.asModel]));
  return { enforced: top.e, ...(top.p ? { pending: top.p } : {}), records: list.reduce((n, [, v]) => n + v.n, 0), ...(also ? { also, alsoAs } : {}) };
}

/** A record without a trace: its action only, attributed to nothing. */
function actionOnly(action: string): TraceDecision {
  return { verdict: action === 'Deny' ? 'deny' : 'allow' };
}

function describe(t: TraceDecision): string {
  return `${t.verdict} by ${t.asModel === undefined ? 'an unlogged trace' : describeDecider(t.asModel)}`;
}
