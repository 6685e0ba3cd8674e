// npm run bench (last part): report.html of a made-up live run of 1M cells (50 namespaces of 10
// pods, 4 ports, every cell observed with its reproduce command): render time, size and peak
// heap; then, where Debian's Chromium is installed (harness/setup/chromium.sh), how long the page
// takes to load from disk and to draw a heatmap of 250,000 cells and open a block of it.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { liveRunStatus } from '../harness/live/outputs/run-status.ts';
import { liveHtmlReport } from '../reports/html/index.ts';
import { largeRun } from '../reports/html/large-run.test-helper.ts';

const quick = process.argv.includes('--quick');
const run = largeRun({ namespaces: quick ? 20 : 50, podsPerNamespace: 10, ports: 4 });
const cells = run.diff.summary.cells;
const started = performance.now();
const html = liveHtmlReport(run, [], liveRunStatus(run));
const renderMs = performance.now() - started;
const bytes = Buffer.byteLength(html);
console.log(`report.html, ${cells.toLocaleString('en-US')} cells (${run.diff.summary.mismatchingCells} disagree): rendered in ${(renderMs / 1000).toFixed(2)} s, `
  + `${(bytes / 2 ** 20).toFixed(1)} MiB (${(bytes / cells).toFixed(1)} bytes a cell), process RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);

if (!existsSync('/usr/bin/chromium')) {
  console.log('  in Chromium: not measured (no /usr/bin/chromium; harness/setup/chromium.sh installs it)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'tierprobe-bench-html-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    let t = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const loadMs = performance.now() - t;
    t = performance.now();
    await page.click('details.heatmap summary');
    await page.locator('td.block').first().waitFor();
    const drawMs = performance.now() - t;
    t = performance.now();
    await page.click('td.block.s-M');
    await page.locator('.drill td.cell').first().waitFor();
    const blockMs = performance.now() - t;
    console.log(`  in Chromium (headless, file://): loaded in ${Math.round(loadMs)} ms; a heatmap of ${(cells / 4).toLocaleString('en-US')} cells drawn as blocks in ${Math.round(drawMs)} ms; a block's cells in ${Math.round(blockMs)} ms`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
