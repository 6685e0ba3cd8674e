// report.html: the run's diff as one self-contained page (summary, policies, a heatmap per step and port).
export { liveHtmlReport } from './live-report.ts';
export { renderHtmlReport } from './render-report.ts';
export type { HtmlReportInput, ReportRun } from './report-view.ts';
