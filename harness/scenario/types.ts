// The loaded, defaulted scenario: what the rest of tierprobe works with.
import type { Expectation, ExpectRule } from '../diff/expectation.ts';
import type { Inventory, PolicyDocument, PortSpec, ResourceId } from '../model/index.ts';
import type { TrafficEntry } from '../traffic/types.ts';
import type { PolicySources } from './policy-sources.ts';

/** Where something was written: 1-based line and column. */
export interface Location { file: string; line: number; column: number }

/** One policy document, with what the live runner needs to apply it exactly as written. */
export interface LoadedDocument extends PolicyDocument {
  id: ResourceId;
  /** The document's YAML text as written (for applying and hashing). */
  text: string;
  location: Location;
}

export interface DeleteRef { kind: string; name: string; namespace?: string; apiVersion?: string }

export interface ScenarioStep {
  index: number;
  name: string;
  location: Location;
  /** Documents this step applies, in order. */
  apply: LoadedDocument[];
  /** The documents this step deletes (resolved against what was alive before it). */
  delete: LoadedDocument[];
  /** Every document alive after this step: earlier applies, replaced by identity, minus deletes. */
  alive: LoadedDocument[];
  expect?: Expectation;
  expectStaged?: Expectation;
  expectPromoted?: Expectation;
  /** A `promote` step: apply and delete above are what it expands to. */
  promote?: StepPromotion;
  /** Traffic under change (issue 9): load that runs across the step's changes, as written (defaulted). */
  traffic?: TrafficEntry[];
  /** Label changes of this step (issue 10), applied after its policies. */
  relabel?: Relabel[];
  /** Labels after this step of every pod and namespace relabelled so far (absent: none was). */
  labels?: LabelState;
}

/** One `relabel:` entry: set and remove labels on one of the scenario's pods or namespaces. */
export interface Relabel {
  target: { kind: 'Pod'; namespace: string; name: string } | { kind: 'Namespace'; name: string };
  set: Record<string, string>;
  remove: string[];
  location: Location;
}

/** Full label maps, keyed `ns/pod` and by namespace name. */
export interface LabelState {
  pods: ReadonlyMap<string, Readonly<Record<string, string>>>;
  namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** What a `promote` step promoted (README "Scenario format"). */
export interface StepPromotion {
  /** `promote: all`: every staged policy alive before the step. */
  all: boolean;
  /** The staged policies promoted, as the scenario applied them. */
  policies: ResourceId[];
}

/**
 * A guardrail (issue 11): the cells its rule covers keep its verdict from step `since` on,
 * against adversarial policies in every tier evaluated after the one that decides them.
 */
export interface Guardrail {
  name: string;
  /** The expect rule syntax; its verdict is the guardrail's. */
  rule: ExpectRule;
  /** Index of the first step it holds at. */
  since: number;
  location: Location;
}

export type ClusterSettings =
  | { provider: 'kind'; kindConfig: string }
  | { provider: 'existing'; context?: string; probeImage?: string };

export interface Scenario {
  /** The path as given. */
  file: string;
  name: string;
  description?: string;
  cluster: ClusterSettings;
  probe: { timeoutMs: number; ports: PortSpec[] };
  inventory: Inventory;
  steps: ScenarioStep[];
  /** Maps model problems (document + path) back to file:line:column. */
  sources: PolicySources;
  /** Guardrails (issue 11); empty when none is declared. */
  guardrails: Guardrail[];
}
