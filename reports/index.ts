// Report renderers: each takes a RunDiff (from harness/diff), and how the run ended, and returns text.
export { renderTerminal, type TerminalOptions } from './terminal.ts';
export { renderExplainJson, renderResultsJson, explainDocument } from './json.ts';
export { renderJUnit, type JUnitRun } from './junit.ts';
export { renderMarkdown } from './markdown.ts';
export { summaryLine } from './summary.ts';
export { completeStatus, statusHeadline, type RunState, type RunStatus } from './run-status.ts';
