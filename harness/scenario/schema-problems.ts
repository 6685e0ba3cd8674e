// Turns zod issues into located Problems, one per fault, in words a scenario author understands.
import type { z } from 'zod';
import type { Problem } from '../errors.ts';
import { problemAt, type YamlDocument, type YamlFile } from './yaml-file.ts';
import type { FieldPath } from './yaml-position.ts';

type Issue = z.core.$ZodIssue;

export function schemaProblems(yaml: YamlFile, doc: YamlDocument, issues: readonly Issue[], prefix: FieldPath = []): Problem[] {
  return issues.flatMap((issue) => issueProblems(yaml, doc, issue, prefix));
}

function issueProblems(yaml: YamlFile, doc: YamlDocument, issue: Issue, prefix: FieldPath): Problem[] {
  const path = [...prefix, ...issue.path.filter((s): s is string | number => typeof s !== 'symbol')];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problemAt(yaml, doc, [...path, key], `unknown field "${key}"`, { key: true }));
    case 'invalid_union': {
      // Report the branch that got past the type check (a string port vs an object port);
      // if none did, say which shapes are accepted.
      const typed = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (typed.length === 1 && typed[0]) return schemaProblems(yaml, doc, typed[0], path);
      return [problemAt(yaml, doc, path, issue.message === 'Invalid input' ? 'has the wrong shape' : readable(issue.message))];
    }
    case 'invalid_type':
    case 'invalid_value':
      if (issue.input === undefined && path.length > 0) {
        return [problemAt(yaml, doc, path.slice(0, -1), `missing required field "${String(path.at(-1))}"`)];
      }
      return [problemAt(yaml, doc, path, readable(issue.message))];
    default:
      return [problemAt(yaml, doc, path, readable(issue.message))];
  }
}

function readable(message: string): string {
  return message.replace(/^Invalid input: /, '');
}
