// The audit: each mapped flow record's enforced action (and its pending action, where the
// capture has staged policies) against the model's verdict for that side of that cell under the
// captured policies. Records with the same cell, reporter, action and traces are judged once.
// Pure: the flows and the capture in, the result out.
import type { FlowResult, PolicyHit } from '../flows/flow-schema.ts';
import { decideTrace, sameDecider, type LoggedHit } from '../flows/trace-decision.ts';
import type { DecidedBy, Inventory, PolicySet, Protocol, Verdict } from '../model/index.ts';
import { CaptureGroups } from './capture-groups.ts';
import { CapturedPolicies, classify, type DisagreementClass } from './classify.ts';
import { mapFlows, type MappedFlow, type UnmappedCount } from './map-flows.ts';
import { directionVerdicts, type Mode } from './model-directions.ts';

export interface AuditModel {
  inventory: Inventory;
  policies: PolicySet;
  /** pods-map.json's representatives: ns/name -> real pods ns/pod. */
  representatives: Readonly<Record<string, readonly string[]>>;
}

export interface Disagreement {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** Src: the source's egress; Dst: the destination's ingress. */
  reporter: 'Src' | 'Dst';
  mode: Mode;
  logged: Verdict;
  model: Verdict;
  /** The model's decider for that side (tier, policy, rule). */
  modelDecidedBy: DecidedBy | null;
  /** The flow's deciding hit, as Calico names it, and in the model's terms. */
  loggedHit?: LoggedHit;
  loggedAs?: DecidedBy | null;
  class: DisagreementClass;
  why: string;
  records: number;
  connections: number;
  /** Goldmane's names of the workloads, e.g. "shop/web-7d9f-* -> shop/db-0". */
  workloads: string[];
}

export interface NotCompared { why: string; records: number }

export interface AuditResult {
  flows: number;
  mapped: number;
  unmapped: UnmappedCount[];
  /** The capture has staged policies: pending actions were compared too. */
  staged: boolean;
  /** Mapped records judged against the model (each once per mode). */
  compared: number;
  agreeing: number;
  /** Same verdict, another decider: told, not a disagreement (see README "Flow evidence"). */
  attributionDiffers: number;
  notCompared: NotCompared[];
  disagreements: Disagreement[];
}

interface Aggregate { flow: MappedFlow; records: number; connections: number; workloads: Set<string> }

export function auditFlows(flows: readonly FlowResult[], model: AuditModel): AuditResult {
  const groups = new CaptureGroups(model.inventory, model.representatives);
  const { mapped, unmapped } = mapFlows(flows, groups);
  const staged = model.policies.hasStaged;
  const notCompared = new Map<string, number>();
  const skip = (why: string, n: number) => notCompared.set(why, (notCompared.get(why) ?? 0) + n);
  const aggregates = new Map<string, Aggregate>();
  for (const m of mapped) {
    const f = m.record.flow;
    // A connection from before the window (its conntrack entry lives on) is logged with the trace
    // that once allowed it: it says nothing about the policies now.
    if (f.num_connections_started === 0) { skip('no connection started in the window (established connections keep the trace that first allowed them)', 1); continue; }
    const p = f.Key.policies;
    const k = `${m.from} ${m.to} ${m.port}/${m.protocol} ${m.reporter} ${f.Key.action} ${signature(p?.enforced_policies)}${staged ? ` | ${signature(p?.pending_policies)}` : ''}`;
    let a = aggregates.get(k);
    if (!a) aggregates.set(k, a = { flow: m, records: 0, connections: 0, workloads: new Set() });
    a.records++;
    a.connections += f.num_connections_started;
    if (a.workloads.size < 3) a.workloads.add(`${f.Key.source_namespace}/${f.Key.source_name} -> ${f.Key.dest_namespace}/${f.Key.dest_name}`);
  }
  const verdicts = directionVerdicts(model.inventory, model.policies, [...aggregates.values()].map((a) => a.flow));
  const captured = new CapturedPolicies(model.policies);
  const out = new Map<string, Disagreement>();
  let compared = 0;
  let agreeing = 0;
  let attributionDiffers = 0;
  for (const a of aggregates.values()) {
    const m = a.flow;
    const key = m.record.flow.Key;
    const side = m.reporter === 'Src' ? 'egress' : 'ingress';
    const modes: { mode: Mode; hits: readonly PolicyHit[]; logged: Verdict }[] = [
      { mode: 'enforced', hits: key.policies?.enforced_policies ?? [], logged: key.action === 'Deny' ? 'deny' : 'allow' },
    ];
    if (staged) {
      const hits = key.policies?.pending_policies ?? [];
      const pending = decideTrace(hits);
      if (pending) modes.push({ mode: 'pending', hits, logged: pending.verdict });
      else skip('no pending trace logged, so the pending verdict is not compared', a.records);
    }
    for (const { mode, hits, logged } of modes) {
      const v = verdicts(m, side, mode);
      if (v.verdict === 'unknown') { skip(`the model's verdict depends on pod addresses (${v.unknownBecause ?? 'unknown offline'})`, a.records); continue; }
      compared += a.records;
      const trace = decideTrace(hits);
      if (v.verdict === logged) {
        agreeing += a.records;
        if (trace?.asModel !== undefined && !sameDecider(v.decidedBy, trace.asModel)) attributionDiffers += a.records;
        continue;
      }
      const c = classify(hits, logged, v.decidedBy, captured);
      const k = `${m.from} ${m.to} ${m.port}/${m.protocol} ${m.reporter} ${mode} ${logged} ${c.class} ${c.why}`;
      const was = out.get(k);
      if (was) {
        was.records += a.records;
        was.connections += a.connections;
        for (const w of a.workloads) if (was.workloads.length < 3 && !was.workloads.includes(w)) was.workloads.push(w);
        continue;
      }
      out.set(k, {
        from: m.from, to: m.to, port: m.port, protocol: m.protocol, reporter: m.reporter, mode, logged, model: v.verdict,
        modelDecidedBy: v.decidedBy, ...(trace?.decidingHit ? { loggedHit: trace.decidingHit } : {}), ...(trace && trace.asModel !== undefined ? { loggedAs: trace.asModel } : {}),
        class: c.class, why: c.why, records: a.records, connections: a.connections, workloads: [...a.workloads],
      });
    }
  }
  return {
    flows: flows.length, mapped: mapped.length, unmapped, staged, compared, agreeing, attributionDiffers,
    notCompared: [...notCompared].map(([why, records]) => ({ why, records })),
    disagreements: [...out.values()].sort((x, y) => `${x.from} ${x.to} ${x.port}`.localeCompare(`${y.from} ${y.to} ${y.port}`) || y.records - x.records),
  };
}

function signature(hits: readonly PolicyHit[] | undefined): string {
  return (hits ?? []).map((h) => `${h.policy_index}:${h.kind}:${h.tier}:${h.namespace}/${h.name}:${h.action}:${h.rule_index}:${h.trigger?.kind ?? ''}/${h.trigger?.namespace ?? ''}/${h.trigger?.name ?? ''}`).join(',');
}
