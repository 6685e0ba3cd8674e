// A problem reporter bound to one YAML document: report(path, message) records a located problem.
import type { Problem } from '../errors.ts';
import { problemAt, type YamlDocument, type YamlFile } from './yaml-file.ts';
import type { FieldPath } from './yaml-position.ts';

export type Report = (path: FieldPath, message: string, opts?: { key?: boolean }) => void;

export function reporter(yaml: YamlFile, doc: YamlDocument, problems: Problem[]): Report {
  return (path, message, opts) => { problems.push(problemAt(yaml, doc, path, message, opts)); };
}
