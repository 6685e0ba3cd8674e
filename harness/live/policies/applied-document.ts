// A policy document as tierprobe applies it: the author's YAML with tierprobe's labels added
// (comments and layout kept), so cleanup can find it and the report can show it byte for byte.
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import type { ResourceId } from '../../model/index.ts';
import type { LoadedDocument, Location } from '../../scenario/index.ts';
import { ownedLabels } from '../labels.ts';

export interface AppliedDocument {
  id: ResourceId;
  /** Exactly what went to the API (YAML). */
  text: string;
  /** The same, parsed. */
  object: Record<string, unknown>;
  sha256: string;
  location: Location;
}

export function appliedDocument(doc: LoadedDocument, runId: string): AppliedDocument {
  const yaml = parseDocument(doc.text);
  for (const [key, value] of Object.entries(ownedLabels(runId))) yaml.setIn(['metadata', 'labels', key], value);
  const text = yaml.toString();
  const object: unknown = yaml.toJS();
  return { id: doc.id, text, object: isRecord(object) ? object : {}, sha256: sha256(text), location: doc.location };
}

/** The YAML that names a resource, for deleting it. */
export function headerText(id: ResourceId): string {
  return [`apiVersion: ${id.apiVersion}`, `kind: ${id.kind}`, 'metadata:', `  name: ${id.name}`, ...(id.namespace ? [`  namespace: ${id.namespace}`] : [])].join('\n') + '\n';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
