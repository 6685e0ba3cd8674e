// Report renderers: each takes a RunDiff (from harness/diff) and returns text.
export { renderTerminal, type TerminalOptions } from './terminal.ts';
export { renderExplainJson, renderResultsJson, explainDocument } from './json.ts';
export { renderJUnit } from './junit.ts';
export { renderMarkdown } from './markdown.ts';
export { summaryLine } from './summary.ts';
