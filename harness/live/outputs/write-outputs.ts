// DIR/<scenario>/: results.json, junit.xml, report.md, report.html, versions.json and
// policies/ (every document as applied, with SHA256SUMS).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { liveHtmlReport } from '../../../reports/html/index.ts';
import { renderJUnit, renderMarkdown } from '../../../reports/index.ts';
import type { LiveRun } from '../run-types.ts';
import { liveMarkdown } from './live-markdown.ts';
import { policyFiles, sha256sums } from './policy-files.ts';
import { resultsDocument } from './results-document.ts';
import { liveRunStatus } from './run-status.ts';

/** Returns the scenario's output directory. stepNames: the scenario's, to name steps not reached. */
export async function writeOutputs(outDir: string, run: LiveRun, stepNames: readonly string[] = []): Promise<string> {
  const dir = join(outDir, run.scenario);
  const files = policyFiles(run.applied);
  const status = liveRunStatus(run, stepNames);
  await rm(join(dir, 'policies'), { recursive: true, force: true });
  const markdown = `${renderMarkdown(run.diff, status)}\n${liveMarkdown(run, files, status)}`;
  const outputs: [string, string][] = [
    ['results.json', JSON.stringify(resultsDocument(run, files, status), null, 2) + '\n'],
    ['junit.xml', renderJUnit([{ diff: run.diff, status }])],
    ['report.md', markdown],
    ['report.html', liveHtmlReport(run, files, status)],
    ['versions.json', JSON.stringify(run.versions, null, 2) + '\n'],
    ['policies/SHA256SUMS', sha256sums(files)],
    ...files.map((f): [string, string] => [join('policies', f.path), f.record.text]),
  ];
  for (const [name, text] of outputs) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}
