// A step's flow evidence folded into its observations: the cells that need it and what they got.
import { cellKey, type Observation } from '../../diff/index.ts';
import type { EvidenceCell } from '../../flows/cell-evidence.ts';
import type { StepEvidence } from './step-evidence.ts';

/** Observed outcomes that put a packet on the wire past the pod: each leaves a flow record. */
const leavesARecord = new Set<Observation['observed']>(['connected', 'refused', 'dropped', 'rejected']);

/**
 * The observed cells that need flow evidence: not a pod to itself (that never leaves the pod), not
 * an error, not a Service cell (not read from the flow logs yet: its records are the backend's).
 */
export function cellsNeedingEvidence(observations: readonly Observation[]): EvidenceCell[] {
  return observations.flatMap((o): EvidenceCell[] => (o.from !== o.to && o.backend === undefined && leavesARecord.has(o.observed) && o.protocol !== 'SCTP'
    ? [{ key: cellKey(o), from: o.from, to: o.to, port: o.port, protocol: o.protocol }]
    : []));
}

export function withEvidence(observations: readonly Observation[], e: StepEvidence, allowMissing: boolean): Observation[] {
  return observations.map((o) => {
    const c = e.cells.get(cellKey(o));
    if (!c) return o;
    return {
      ...o,
      ...(c.loggedVerdict === undefined ? {} : { loggedVerdict: c.loggedVerdict }),
      ...(c.loggedStagedVerdict === undefined ? {} : { loggedStagedVerdict: c.loggedStagedVerdict }),
      ...(c.loggedBy ? { loggedBy: c.loggedBy } : {}),
      ...(c.loggedStagedBy ? { loggedStagedBy: c.loggedStagedBy } : {}),
      flowEvidence: {
        records: c.records,
        ...(c.flaky ? { flaky: c.flaky } : {}),
        ...(c.missing ? { missing: c.missing, ...(allowMissing ? { missingAllowed: true } : {}) } : {}),
        ...(c.note ? { note: c.note } : {}),
        ...(c.loggedAs === undefined ? {} : { loggedAs: c.loggedAs }),
        ...(c.alsoAs ? { alsoAs: c.alsoAs } : {}),
        ...(c.loggedStagedAs === undefined ? {} : { loggedStagedAs: c.loggedStagedAs }),
      },
    };
  });
}
