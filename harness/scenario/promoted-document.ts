// A staged policy as the enforced policy its promotion writes, following Calico's
// ConvertStagedPolicyToEnforced, ConvertStagedGlobalPolicyToEnforced and
// ConvertStagedKubernetesPolicyToK8SEnforced (api/pkg/apis/projectcalico/v3): the object
// metadata and the spec copied field by field, so `stagedAction` (which the enforced kinds
// lack) is dropped. Metadata keeps what an author sets (name, namespace, labels, annotations);
// what a server sets (uid, resourceVersion, ...) would make the create fail. Pure: text in, text out.
import { Document, isMap, isScalar, parseDocument } from 'yaml';
import { identify, type ResourceId, type SourceRef } from '../model/index.ts';
import { describeResource } from './steps.ts';
import type { LoadedDocument, Location } from './types.ts';

/** Staged kind -> the enforced kind its promotion writes. */
export const enforcedKinds: ReadonlyMap<string, Pick<ResourceId, 'apiVersion' | 'kind'>> = new Map([
  ['StagedNetworkPolicy', { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy' }],
  ['StagedGlobalNetworkPolicy', { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy' }],
  ['StagedKubernetesNetworkPolicy', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }],
]);

const keptMetadata = new Set(['name', 'namespace', 'labels', 'annotations']);

export interface PromotedAt {
  /** The document's own reference; problems in it are shown at the staged document's fields. */
  source: SourceRef;
  /** The `promote` entry that wrote it. */
  location: Location;
  stepName: string;
}

/** The enforced document a Set promotion of `staged` applies. */
export function promotedDocument(staged: LoadedDocument, at: PromotedAt): LoadedDocument {
  const target = enforcedKinds.get(staged.id.kind);
  if (!target) throw new Error(`${staged.id.kind} is not a staged policy kind`);
  const parsed = parseDocument(staged.text);
  const yaml = isMap(parsed.contents) && parsed.errors.length === 0 ? parsed : new Document(staged.doc);
  yaml.set('apiVersion', target.apiVersion);
  yaml.set('kind', target.kind);
  const metadata = yaml.get('metadata', true);
  if (isMap(metadata)) metadata.items = metadata.items.filter((p) => isScalar(p.key) && keptMetadata.has(String(p.key.value)));
  yaml.deleteIn(['spec', 'stagedAction']);
  const where = `${at.location.file}:${at.location.line}:${at.location.column}`;
  yaml.commentBefore = ` Promoted by tierprobe from ${describeResource(staged.id)} (step "${at.stepName}", ${where}).`;
  const doc: unknown = yaml.toJS();
  const id = identify(doc);
  if (!id) throw new Error(`the promoted ${describeResource(staged.id)} lost its identity`);
  return { source: at.source, doc, id, text: yaml.toString(), location: at.location };
}
