// report.html as a person sees it: written by the live outputs from a realistic run, opened from
// disk in headless Chromium. The heatmaps draw, a mismatch stands out, hover and click tell
// what decided a cell and how to reproduce it, and the page asks the network for nothing.
import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { writeOutputs } from '../../../harness/live/outputs/write-outputs.ts';
import { policyFiles } from '../../../harness/live/outputs/policy-files.ts';
import { liveRunStatus } from '../../../harness/live/outputs/run-status.ts';
import { liveHtmlReport } from '../../../reports/html/index.ts';
import { largeRun } from '../../../reports/html/large-run.test-helper.ts';
import { realisticRun, realisticStepNames } from '../../../reports/html/realistic-run.test-helper.ts';
import { launchChromium } from './chromium.ts';

const artifacts = join(import.meta.dirname, '..', '..', '..', 'test-artifacts');
/** Step 2 (security tier denies x to y), 80/TCP: rows and columns x/a, x/b, y/a, y/b. */
const guarded = 'details.heatmap[data-step="1"][data-map="0"]';
const computedStyle = z.object({ background: z.string(), shadow: z.string() });
const cellAt = (r: number, c: number) => `${guarded} td.cell[data-r="${r}"][data-c="${c}"]`;

describe('report.html in Chromium', function () {
  let browser: Browser;
  let page: Page;
  let dir = '';
  let url = '';
  const requests: string[] = [];
  const run = realisticRun();

  before(async function () {
    this.timeout(15 * 60_000); // a fresh machine installs Chromium first
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'tierprobe-report-html-'));
    url = pathToFileURL(join(await writeOutputs(dir, run, realisticStepNames), 'report.html')).href;
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    expect(errors, 'script errors').to.deep.equal([]);
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says the run failed, in the same words as the other reports', async () => {
    expect(await page.textContent('#verdict')).to.equal('FAIL');
    expect(await page.textContent('#headline')).to.equal('2 steps, 40 cells: 3 cells disagree (dataplane-or-model 1, attribution 1, harness-fault 1)');
  });

  it('draws every heatmap of a small run: a cell per pair, grouped by namespace', async () => {
    expect(await page.locator(`${guarded} td.cell`).count()).to.equal(16);
    expect(await page.locator(`${guarded} thead th.group`).allTextContents()).to.deep.equal(['x', 'y']);
    expect(await page.locator('details.heatmap td.cell').count()).to.be.greaterThan(16);
  });

  it('highlights the mismatching cell: x/a -> y/a, let through where the security tier denies', async () => {
    // A string, evaluated in the page: this program is typed without the DOM's globals.
    const style = async (selector: string) => computedStyle.parse(await page.evaluate(
      `(() => { const s = getComputedStyle(document.querySelector(${JSON.stringify(selector)})); return { background: s.backgroundColor, shadow: s.boxShadow }; })()`));
    const mismatch = await style(cellAt(0, 2));
    expect(await page.getAttribute(cellAt(0, 2), 'class')).to.include('s-M');
    for (const [r, c] of [[0, 3], [0, 0]] as const) {
      const other = await style(cellAt(r, c));
      expect(mismatch.background, `against cell ${r},${c}`).to.not.equal(other.background);
      expect(mismatch.shadow).to.not.equal(other.shadow);
    }
  });

  it('on hover, says who decided the cell and what the probe saw', async () => {
    await page.hover(cellAt(0, 2));
    const tip = page.locator('#tip');
    expect(await tip.isVisible()).to.equal(true);
    const text = await tip.innerText();
    expect(text).to.include('x/a -> y/a 80/TCP').and.include('security').and.include('GlobalNetworkPolicy security.deny-x-to-y')
      .and.include('Deny').and.include('connected to 10.244.0.4:80 (banner y/a)').and.include('dataplane-or-model');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report.png') });
  });

  it('on click, keeps the detail with the command that reproduces the probe', async () => {
    await page.click(cellAt(0, 2));
    const detail = page.locator('#detail');
    expect(await detail.isVisible()).to.equal(true);
    const cell = run.diff.steps[1]?.cells.find((c) => c.from === 'x/a' && c.to === 'y/a');
    expect(cell?.reproduce).to.be.a('string');
    expect(await detail.locator('pre.reproduce').textContent()).to.equal(cell?.reproduce);
    await page.keyboard.press('Escape');
    expect(await detail.isVisible()).to.equal(false);
  });

  it('shows the staged prediction: y -> x denied once the staged policy is promoted', async () => {
    await page.click(`${guarded} .views button:has-text("staged (pending)")`);
    await page.hover(cellAt(2, 0));
    expect(await page.locator('#tip').innerText()).to.include('staged (pending): ✗').and.include('StagedNetworkPolicy x/staged:default.deny-y-to-x');
    await page.click(`${guarded} .views button:has-text("enforced")`);
  });

  it('asked the network for nothing: the only request was the file itself', () => {
    expect(requests).to.deep.equal([url]);
  });
});

describe('report.html in Chromium, 50 namespaces of 10 pods', function () {
  let browser: Browser;
  let page: Page;
  let dir = '';
  const requests: string[] = [];

  before(async function () {
    this.timeout(15 * 60_000);
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'tierprobe-report-html-'));
    const run = largeRun({ namespaces: 50, podsPerNamespace: 10, ports: 1 });
    const file = join(dir, 'report.html');
    await writeFile(file, liveHtmlReport(run, policyFiles(run.applied), liveRunStatus(run)));
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows a block per namespace pair, alike ones with their count, and opens a block\'s cells on click', async () => {
    await page.click('details.heatmap summary');
    await page.locator('td.block').first().waitFor();
    expect(await page.locator('td.block').count()).to.equal(50 * 50);
    expect(await page.locator('td.block.s-A').first().textContent(), 'a block whose 100 cells are alike').to.equal('100');
    await page.click('td.block.s-M');
    await page.locator('.drill td.cell').first().waitFor();
    expect(await page.locator('.drill td.cell').count()).to.equal(100);
    await page.hover('.drill td.cell.s-M');
    expect(await page.locator('#tip').innerText()).to.include('GlobalNetworkPolicy security.isolate');
    expect(requests).to.have.length(1);
  });
});
