// Parses YAML text into documents, turning every YAML-level fault into a located Problem.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Problem } from '../errors.ts';
import { formatPath, locate, type FieldPath, type Position } from './yaml-position.ts';

/** Aliases expand on conversion; a few hundred is plenty for a real file and stops "billion laughs". */
export const maxAliasCount = 100;

export interface YamlDocument {
  /** 0-based index among the documents of the file (empty documents keep their index). */
  index: number;
  node: Document.Parsed;
  value: unknown;
}

export interface YamlFile {
  /** As shown in messages. */
  file: string;
  text: string;
  lineCounter: LineCounter;
  documents: YamlDocument[];
  problems: Problem[];
}

export function parseYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  const documents: YamlDocument[] = [];
  const all = Array.isArray(parsed) ? parsed : [];
  for (const [index, node] of all.entries()) {
    const errors = [...node.errors, ...node.warnings];
    for (const e of errors) {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      const message = yamlMessage(e.code, e.message);
      // The parser can report one fault several times at neighbouring offsets.
      if (!problems.some((p) => p.line === line && p.message === message)) problems.push({ file, line, column: col, message });
    }
    if (errors.length > 0) continue;
    try {
      documents.push({ index, node, value: node.toJS({ maxAliasCount }) });
    } catch (cause) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      const message = cause instanceof ReferenceError && /alias/i.test(cause.message)
        ? `too many YAML alias expansions (limit ${maxAliasCount}); is this an alias bomb?`
        : `cannot read YAML: ${cause instanceof Error ? cause.message : String(cause)}`;
      problems.push({ file, line, column: col, message });
    }
  }
  return { file, text, lineCounter, documents, problems };
}

/** A Problem located at `path` inside `doc` of `yaml`. */
export function problemAt(yaml: YamlFile, doc: YamlDocument, path: FieldPath, message: string, opts: { key?: boolean } = {}): Problem {
  const pos: Position = locate(doc.node, yaml.lineCounter, path, opts);
  return { file: yaml.file, line: pos.line, column: pos.column, ...(path.length ? { path: formatPath(path) } : {}), message };
}

function yamlMessage(code: string, message: string): string {
  // The library appends " at line L, column C" (already in our prefix) to its messages.
  const text = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
  if (/call stack|stack overflow/i.test(message)) return 'YAML nested too deeply';
  if (code === 'TAB_AS_INDENT') return 'tabs are not allowed as indentation in YAML; use spaces';
  if (code === 'DUPLICATE_KEY') return 'duplicate key: ' + text;
  return text;
}
