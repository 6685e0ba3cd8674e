// report.html: one self-contained page. Eta lays out the summary, the steps and the policies
// (escaping every value); the heatmaps are drawn by the inlined script from the run's data,
// embedded once as JSON. The Content-Security-Policy allows only that script and stylesheet,
// by their hashes, and no request at all: the page cannot load anything, even from a name
// that slipped through.
import { createHash } from 'node:crypto';
import { Eta } from 'eta';
import { pageAssets, type PageAssets } from './assets.ts';
import { pageData, scriptJson } from './page-data.ts';
import { reportView, type HtmlReportInput } from './report-view.ts';

/** Up to this many cells in the run, every heatmap is open when the page opens. */
export const openHeatmapsUpTo = 20_000;

export function renderHtmlReport(input: HtmlReportInput): string {
  const ips = Object.fromEntries(input.run.pods.map((p) => [p.pod, p.ip]));
  const { data, counts } = pageData(input.run.diff, ips);
  const assets = pageAssets();
  return templates(assets).render('@page', {
    view: reportView(input, counts),
    csp: `default-src 'none'; script-src '${sha256(assets.script)}'; style-src '${sha256(assets.style)}'; img-src 'none'; base-uri 'none'; form-action 'none'`,
    style: assets.style,
    script: assets.script,
    data: scriptJson(data),
    openHeatmaps: input.run.diff.summary.cells <= openHeatmapsUpTo,
  });
}

let eta: Eta | undefined;

function templates(assets: PageAssets): Eta {
  if (!eta) {
    eta = new Eta({ autoEscape: true, cache: true });
    eta.loadTemplate('@page', assets.page);
    eta.loadTemplate('@step', assets.step);
  }
  return eta;
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
