// What the live runner hands over per probe; merged into the model's cells by key.
import type { Protocol, Verdict } from '../model/index.ts';
import type { LoggedHit } from '../flows/trace-decision.ts';
import type { PairTraffic } from '../traffic/types.ts';
import type { DiffCell, FlowEvidence, Observed } from './types.ts';

export interface Observation {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** A Service cell (to: svc:NS/NAME): the backend pod that answered. */
  backend?: string;
  observed: Observed;
  observedDetail?: string;
  latencyMs?: number;
  convergedMs?: number;
  flaky?: boolean;
  path?: DiffCell['path'];
  loggedVerdict?: Verdict;
  loggedStagedVerdict?: Verdict;
  loggedBy?: LoggedHit;
  loggedStagedBy?: LoggedHit;
  flowEvidence?: FlowEvidence;
  reproduce?: string;
  /** Traffic under change: the load's figures for this cell's pair. */
  traffic?: PairTraffic;
}

/** A Service cell's key names its backend: each backend is a cell of its own. */
export function cellKey(c: { from: string; to: string; port: number; protocol: Protocol; backend?: string | undefined }): string {
  return c.backend === undefined ? `${c.from} -> ${c.to} ${c.port}/${c.protocol}` : `${c.from} -> ${c.to} (${c.backend}) ${c.port}/${c.protocol}`;
}

/** How an observation counts: refused reached the pod (allow); dropped and rejected are denies; error counts as neither. */
export function observedVerdict(o: Observed): Verdict | undefined {
  if (o === 'connected' || o === 'refused') return 'allow';
  if (o === 'dropped' || o === 'rejected') return 'deny';
  return undefined;
}
