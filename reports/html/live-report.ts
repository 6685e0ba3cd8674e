// report.html of a live run: its facts, the policies as applied, how it ended, and what its
// bundle's MANIFEST vouches for (the same words as report.md and `verify`).
import { provenanceLines } from '../../harness/evidence/provenance.ts';
import type { PolicyFile } from '../../harness/live/outputs/policy-files.ts';
import type { LiveRun } from '../../harness/live/run-types.ts';
import type { RunStatus } from '../run-status.ts';
import { renderHtmlReport } from './render-report.ts';

/** status: liveRunStatus(run). */
export function liveHtmlReport(run: LiveRun, files: readonly PolicyFile[], status: RunStatus): string {
  return renderHtmlReport({ run, files, status, provenance: provenanceLines(run.signing ?? {}) });
}
