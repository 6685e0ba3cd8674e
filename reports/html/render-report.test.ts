import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { liveRun, stepNames, type RunEnd } from '../../harness/live/outputs/live-run.test-helper.ts';
import { policyFiles } from '../../harness/live/outputs/policy-files.ts';
import { liveRunStatus } from '../../harness/live/outputs/run-status.ts';
import type { LiveRun } from '../../harness/live/run-types.ts';
import { largeRun } from './large-run.test-helper.ts';
import { liveHtmlReport } from './live-report.ts';
import { realisticRun, realisticStepNames } from './realistic-run.test-helper.ts';

const render = (run: LiveRun, names: readonly string[] = realisticStepNames) => liveHtmlReport(run, policyFiles(run.applied), liveRunStatus(run, names));
const between = (html: string, open: string, close: string) => {
  const start = html.indexOf(open);
  if (start < 0) throw new Error(`no ${open}`);
  return html.slice(start + open.length, html.indexOf(close, start + open.length));
};
const dataOf = (html: string): unknown => JSON.parse(between(html, '<script type="application/json" id="tierprobe-data">', '</script>'));
const records = z.object({ records: z.array(z.object({ d: z.array(z.tuple([z.string(), z.string()])), m: z.array(z.tuple([z.string(), z.string(), z.string()])) })) });

describe('report.html', () => {
  it('escapes hostile names and details everywhere, and keeps them intact in the embedded data', () => {
    const run = realisticRun();
    run.diff = { ...run.diff, scenario: '"><script>alert(0)</script>' };
    const step = run.diff.steps[1];
    const cell = step?.cells.find((c) => c.from === 'x/a' && c.to === 'y/a');
    if (!step || !cell?.decidedBy) throw new Error('fixture');
    step.name = '</script><script>alert(1)</script>';
    cell.decidedBy = { ...cell.decidedBy, policy: '<script>alert(2)</script>' };
    cell.observedDetail = '<img src=q onerror=alert(3)>';
    cell.mismatches = [{ class: 'dataplane-or-model', message: 'model deny, observed connected </script><!--' }];
    const first = run.applied[0];
    if (!first) throw new Error('fixture');
    run.applied[0] = { ...first, id: { ...first.id, name: '<b onmouseover=alert(4)>x</b>' }, text: 'metadata:\n  name: "</pre><script>alert(5)</script>"\n' };

    const html = render(run);
    expect(html.match(/<script/gi), 'only the page\'s own two script elements').to.have.length(2);
    for (const raw of ['<script>alert', '<img src=q', '<b onmouseover', '</script><!--']) expect(html, raw).to.not.include(raw);
    expect(html).to.include('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
      .and.include('&lt;b onmouseover=alert(4)&gt;x&lt;/b&gt;')
      .and.include('&lt;/pre&gt;&lt;script&gt;alert(5)&lt;/script&gt;')
      .and.include('<h1>&quot;&gt;&lt;script&gt;alert(0)&lt;/script&gt;</h1>');
    const texts = records.parse(dataOf(html)).records.flatMap((r) => [...r.d.map(([, t]) => t), ...r.m.map(([, , m]) => m)]);
    expect(texts).to.include('GlobalNetworkPolicy <script>alert(2)</script>').and.include('<img src=q onerror=alert(3)>')
      .and.include('model deny, observed connected </script><!--');
  });

  const statusCases: { title: string; end: RunEnd; word: string; headline: string }[] = [
    { title: 'a complete run with no mismatch', end: { steps: 2 }, word: 'PASS', headline: '2 steps, 8 cells: all as expected' },
    { title: 'a complete run with a mismatch', end: { steps: 2, lastXyObserved: 'connected' }, word: 'FAIL', headline: '2 steps, 8 cells: 1 cell disagree (dataplane-or-model 1)' },
    {
      title: 'a failed run', end: { steps: 1, failure: new Error('apply failed: <webhook> denied') }, word: 'FAIL',
      headline: 'FAILED (1 of 2 steps observed): apply failed: &lt;webhook&gt; denied; so far 1 step, 4 cells: none disagree',
    },
    { title: 'an interrupted run', end: { steps: 2, interrupted: true, interruptedInStep: true }, word: 'INTERRUPTED', headline: 'INTERRUPTED (1 of 2 steps observed); so far 2 steps, 8 cells: none disagree' },
    { title: 'a run that stopped short', end: { steps: 1 }, word: 'INCOMPLETE', headline: 'INCOMPLETE (1 of 2 steps observed); so far 1 step, 4 cells: none disagree' },
  ];
  for (const c of statusCases) {
    it(`says how the run ended in its header: ${c.title}`, () => {
      const html = render(liveRun(c.end), stepNames);
      expect(between(html, '<div class="word" id="verdict">', '</div>')).to.equal(c.word);
      expect(between(html, '<p class="headline" id="headline">', '</p>')).to.equal(c.headline);
      expect(html).to.include(`<header class="banner ${c.word === 'PASS' ? 'pass' : 'fail'}">`);
      expect(html.includes('all as expected'), 'only a complete run with no mismatch is "all as expected"').to.equal(c.word === 'PASS');
    });
  }

  it('summarises the cluster, versions, times, mismatch classes, provenance and the policies as applied', () => {
    const run = { ...realisticRun(), signing: { keyFingerprint: 'ab12cd' } };
    const html = render(run);
    for (const fact of ['kind, context kind-tierprobe', 'n1, n2', 'v1.34.0', 'v3.31.0', 'probe:1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z', '5.0 s']) {
      expect(html, fact).to.include(`<td>${fact}</td>`);
    }
    expect(html).to.match(/<tr class="hit"><td>dataplane-or-model<\/td><td>#<\/td><td class="n">1<\/td>/)
      .and.match(/<tr class="zero"><td>policy-intent<\/td>/)
      .and.include('signed (MANIFEST.sig) with the key whose fingerprint is ab12cd');
    const step2 = between(html, '<section class="step" id="step-2">', '</section>');
    expect(step2.match(/<details class="policy">/g)).to.have.length(2);
    const sha = run.applied[0]?.sha256 ?? '';
    expect(step2).to.include(`sha256 <code>${sha}</code>`).and.include('kind: GlobalNetworkPolicy').and.include('policies/02-security-tier-denies-x-to-y/01-apply-globalnetworkpolicy-security.deny-x-to-y.yaml');
  });

  it('lists the guardrails attacked live, and a run whose guardrail broke does not pass', () => {
    const phase = {
      guardrail: 'tools-never-reach-payments', step: 'security tier denies x to y', stepIndex: 1, verdict: 'deny' as const, tiers: ['default', 'baselineadminnetworkpolicy'], notes: [],
      policies: [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'y', name: 'tierprobe-attack-0-x', sha256: 'ab' }],
      heldInModel: true, cells: [{ key: 'x/a -> y/a 80/TCP', observed: 'dropped' as const }], heldLive: true, brokenLive: [],
      applyMs: 10, attackConvergedMs: 200, withdrawMs: 5, restoredMs: 300, restored: true, interrupted: false,
    };
    const held = realisticRun();
    held.diff = { ...held.diff, steps: held.diff.steps.map((st) => ({ ...st, cells: st.cells.map((c) => ({ ...c, mismatches: [] })) })), summary: { ...held.diff.summary, mismatchingCells: 0 } };
    held.guardrails = [phase];
    const ok = render(held);
    expect(ok).to.contain('held against 1 adversarial policy').and.contain('NetworkPolicy y/tierprobe-attack-0-x').and.contain('300 ms after the withdrawal');
    held.guardrails = [{ ...phase, heldLive: false, brokenLive: ['x/a -> y/a 80/TCP'] }];
    const broken = render(held);
    expect(broken).to.contain('NOT HELD: x/a -&gt; y/a 80/TCP');
    expect(between(broken, '<title>', '</title>')).to.contain('FAIL');
  });

  it('allows only its own script and stylesheet, by hash, and no request at all', () => {
    const html = render(realisticRun());
    const csp = between(html, '<meta http-equiv="Content-Security-Policy" content="', '">').replaceAll('&#39;', "'");
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).to.include("default-src 'none'")
      .and.include(`script-src ${hash(between(html, '<script>', '</script>'))}`)
      .and.include(`style-src ${hash(between(html, '<style>', '</style>'))}`);
  });

  it('embeds each cell once, compactly: 160,000 cells in under 10 bytes each, and no cell drawn until asked', function () {
    this.timeout(60_000);
    const run = largeRun({ namespaces: 20, podsPerNamespace: 10, ports: 4 });
    const html = render(run, ['isolate every second namespace pair']);
    expect(run.diff.summary.cells).to.equal(160_000);
    expect(Buffer.byteLength(html) / run.diff.summary.cells).to.be.below(10);
    expect(html.match(/<div class="map-host"><\/div>/g), 'a heatmap per port, drawn when opened').to.have.length(4);
    expect(html).to.not.match(/<details class="heatmap[^"]*"[^>]* open>/);
  });
});
