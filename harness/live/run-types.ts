// What a live run produces, besides the diff: the evidence an auditor or a later feature
// (flow logs, traffic under change) needs about how each step was observed.
import type { Observed, RunDiff } from '../diff/index.ts';
import type { ResourceId } from '../model/index.ts';
import type { Location } from '../scenario/index.ts';
import type { RoundRecord } from './probe/converge.ts';
import type { Diagnostics } from './diagnostics/collect-diagnostics.ts';
import type { FlowLeg } from './flows/run-flows.ts';
import type { BundleSigning } from '../evidence/provenance.ts';

export interface PlacedPod { pod: string; node: string; ip: string }

export interface AppliedRecord {
  step: number;
  stepName: string;
  /** attack, withdraw: a guardrail's adversarial policy applied, then deleted (guardrail-phase.ts). */
  action: 'apply' | 'delete' | 'relabel' | 'attack' | 'withdraw';
  id: ResourceId;
  /** The YAML sent (apply) or naming what was deleted (delete). */
  text: string;
  sha256: string;
  location: Location;
}

/** One guardrail attacked at one step, live (issue 11). */
export interface GuardrailPhase {
  guardrail: string;
  step: string;
  stepIndex: number;
  verdict: 'allow' | 'deny';
  /** The tiers attacked, and why one that would be was not. */
  tiers: string[];
  notes: string[];
  /** The adversarial policies, as applied (their YAML is in policies/, action attack). */
  policies: (ResourceId & { sha256: string })[];
  /** The model's proof: the guardrail holds at the step and under attack. */
  heldInModel: boolean;
  /** The guardrail's cells as observed under attack. */
  cells: { key: string; observed: Observed; detail?: string }[];
  /** Every cell of the guardrail was observed with its verdict under attack. */
  heldLive: boolean;
  brokenLive: string[];
  applyMs: number;
  /** From the attack's acceptance until the dataplane matched the model under attack (null: never). */
  attackConvergedMs: number | null;
  withdrawMs: number;
  /** From the withdrawal until the matrix was the step's again (null: never). */
  restoredMs: number | null;
  restored: boolean;
  interrupted: boolean;
}

export interface StepTimings {
  name: string;
  /** From the start of the run to the step's first API call. */
  startedMs: number;
  /** Deletes and applies, until the API accepted all of them. */
  applyMs: number;
  /** From the API accepting the changes to the round in which every cell matched the model; null if none did. */
  convergedMs: number | null;
  convergeTimeoutMs: number;
  rounds: RoundRecord[];
  interrupted: boolean;
  /** The flow evidence of the step (absent with --no-flows, or when the step did not converge). */
  flows?: StepFlowTimings;
  /** The step's traffic under change (its figures are on the cells). */
  traffic?: { pairs: number; sources: number; startedBeforeMs: number };
}

export interface StepFlowTimings {
  /** Unix seconds: only buckets that start at or after it were read. */
  fromSec: number;
  /** Whether the bucket grid was known (else probes covered two widths). */
  gridKnown: boolean;
  /** From the API accepting the changes to the end of the covered bucket (probes ran until then). */
  coveredUntilMs: number;
  /** From the last probe to the evidence being complete (or the deadline): wall time the evidence added. */
  waitedMs: number;
  /** From the API accepting the changes to every cell having its records; null if the deadline came first. */
  completeMs: number | null;
  /** From the start of the first round inside the evidence window to complete evidence. */
  roundToEvidenceMs: number | null;
  lists: number;
  records: number;
  cellsNeeding: number;
  cellsWithEvidence: number;
  /** How many times the deadline moved on (a flush and a bucket each) because records were still missing. */
  extensions?: number;
}

export interface LiveRun {
  runId: string;
  scenario: string;
  file: string;
  /** Steps the scenario has (diff.steps has the ones observed). */
  totalSteps: number;
  cluster: { provider: 'kind' | 'existing'; context: string; nodes: string[] };
  versions: { kubernetes?: string; calico?: string; tierprobe: string; probeImage: string };
  /** ISO time the run started. */
  startedAt: string;
  wallMs: number;
  /** Where the wall time went, in ms. */
  phases: { leftoversMs: number; deployMs: number; stepsMs: number; cleanupMs: number };
  pods: PlacedPod[];
  externals: { name: string; ip: string }[];
  /** The scenario's Services as deployed (absent when it has none): svc:NS/NAME, ClusterIP, the name looked up. */
  services?: { service: string; clusterIP: string; dnsName: string }[];
  diff: RunDiff;
  steps: StepTimings[];
  applied: AppliedRecord[];
  /** Stopped by SIGINT/SIGTERM: the diff holds the steps observed so far. */
  interrupted: boolean;
  /** What stopped the run early, after the diff so far was built. */
  failure?: Error;
  /** Taken when the run failed or the dataplane disagreed with the model, before cleanup. */
  diagnostics?: { reason: string; files: Diagnostics };
  /** How the bundle's MANIFEST is signed, for its report (set by the CLI; absent: not signed). */
  signing?: BundleSigning;
  kept: boolean;
  /** Whether flow logs were read, with the cluster's flush and bucket widths, or why not. */
  flows: FlowLeg;
  /** Guardrails attacked live, per step (absent when the scenario declares none). */
  guardrails?: GuardrailPhase[];
}
