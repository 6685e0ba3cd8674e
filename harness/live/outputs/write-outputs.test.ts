import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { renderTerminal } from '../../../reports/index.ts';
import { liveRun, stepNames, type RunEnd } from './live-run.test-helper.ts';
import { liveRunStatus } from './run-status.ts';
import { writeOutputs } from './write-outputs.ts';

const junitSchema = z.object({
  testsuites: z.object({
    tests: z.string(), failures: z.string(), skipped: z.string(),
    testsuite: z.array(z.object({
      testcase: z.array(z.object({
        name: z.string(),
        failure: z.object({ message: z.string(), type: z.string() }).optional(),
        skipped: z.string().optional(),
        'system-out': z.string().optional(),
      })),
    })),
  }),
});
const resultsSchema = z.object({
  run: z.object({
    status: z.string(), complete: z.boolean(), observedSteps: z.number(), totalSteps: z.number(),
    notReached: z.array(z.string()).optional(), interrupted: z.boolean(), failure: z.string().optional(),
  }),
});
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' });

interface Case {
  title: string;
  end: RunEnd;
  /** The bold line under the report's title, without the asterisks. */
  header: string;
  status: string;
  /** The failing `run` test case's failure, if the run did not complete. */
  runFailure?: { type: string; message: string };
  /** Every test case: name, and pass, fail or skip. */
  cases: [string, 'pass' | 'fail' | 'skip'][];
}

const cases: Case[] = [
  {
    title: 'a complete run with no mismatch',
    end: { steps: 2 },
    header: '2 steps, 8 cells: all as expected', status: 'complete',
    cases: [['step: baseline', 'pass'], ['step: deny x to y', 'pass']],
  },
  {
    title: 'a run that failed before its first step',
    end: { steps: 0, failure: new Error('pod x/a cannot start: ImagePullBackOff\n  event: Failed to pull image') },
    header: 'FAILED (0 of 2 steps observed): pod x/a cannot start: ImagePullBackOff event: Failed to pull image; so far 0 steps, 0 cells: none disagree',
    status: 'failed',
    runFailure: { type: 'failed', message: 'FAILED (0 of 2 steps observed): pod x/a cannot start: ImagePullBackOff event: Failed to pull image' },
    cases: [['run', 'fail'], ['step: baseline', 'skip'], ['step: deny x to y', 'skip']],
  },
  {
    title: 'a run that observed every step and then failed (clean-up)',
    end: { steps: 2, failure: new Error('cleanup: namespaces still there') },
    header: 'FAILED (2 of 2 steps observed): cleanup: namespaces still there; so far 2 steps, 8 cells: none disagree',
    status: 'failed',
    runFailure: { type: 'failed', message: 'FAILED (2 of 2 steps observed): cleanup: namespaces still there' },
    cases: [['run', 'fail'], ['step: baseline', 'pass'], ['step: deny x to y', 'pass']],
  },
  {
    title: 'a run interrupted between steps',
    end: { steps: 1, interrupted: true },
    header: 'INTERRUPTED (1 of 2 steps observed); so far 1 step, 4 cells: none disagree',
    status: 'interrupted',
    runFailure: { type: 'interrupted', message: 'INTERRUPTED (1 of 2 steps observed)' },
    cases: [['run', 'fail'], ['step: baseline', 'pass'], ['step: deny x to y', 'skip']],
  },
  {
    title: 'a run interrupted during its last step, with a mismatch seen before',
    end: { steps: 2, interrupted: true, interruptedInStep: true, failure: new Error('SIGINT'), lastXyObserved: 'connected' },
    header: 'INTERRUPTED (1 of 2 steps observed): SIGINT; so far 2 steps, 8 cells: 1 cell disagree (dataplane-or-model 1)',
    status: 'interrupted',
    runFailure: { type: 'interrupted', message: 'INTERRUPTED (1 of 2 steps observed): SIGINT' },
    cases: [['run', 'fail'], ['step: baseline', 'pass'], ['step: deny x to y', 'fail'], ['x/a -> y/a 80/TCP', 'fail']],
  },
  {
    title: 'a run that stopped short without a failure',
    end: { steps: 1 },
    header: 'INCOMPLETE (1 of 2 steps observed); so far 1 step, 4 cells: none disagree',
    status: 'incomplete',
    runFailure: { type: 'incomplete', message: 'INCOMPLETE (1 of 2 steps observed)' },
    cases: [['run', 'fail'], ['step: baseline', 'pass'], ['step: deny x to y', 'skip']],
  },
];

describe('writeOutputs: how the run ended', () => {
  let out = '';
  beforeEach(async () => { out = await mkdtemp(join(tmpdir(), 'tierprobe-outputs-')); });
  afterEach(async () => { await rm(out, { recursive: true, force: true }); });

  for (const c of cases) {
    it(`${c.title}: report.md, report.html, results.json, junit.xml and the terminal say so`, async () => {
      const run = liveRun(c.end);
      const dir = await writeOutputs(out, run, stepNames);
      const md = (await readFile(join(dir, 'report.md'), 'utf8')).split('\n');
      expect(md.slice(0, 3)).to.deep.equal(['# two-steps', '', `**${c.header}**`]);
      const html = await readFile(join(dir, 'report.html'), 'utf8');
      expect(html).to.include(`<p class="headline" id="headline">${c.header}</p>`);
      for (const text of [md.join('\n'), html]) expect(text.includes('all as expected')).to.equal(c.status === 'complete');

      const results = resultsSchema.parse(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')));
      expect(results.run).to.include({ status: c.status, complete: c.status === 'complete', totalSteps: 2 });
      expect(results.run.failure).to.equal(c.end.failure?.message);

      const junit = junitSchema.parse(xml.parse(await readFile(join(dir, 'junit.xml'), 'utf8')));
      const testcases = junit.testsuites.testsuite[0]?.testcase ?? [];
      expect(testcases.map((t) => [t.name, t.failure ? 'fail' : t.skipped === undefined ? 'pass' : 'skip'])).to.deep.equal(c.cases);
      expect(testcases.find((t) => t.name === 'run')?.failure).to.deep.equal(c.runFailure);
      expect(junit.testsuites.failures).to.equal(String(c.cases.filter(([, r]) => r === 'fail').length));

      const terminal = renderTerminal(run.diff, { status: liveRunStatus(run, stepNames) }).trimEnd().split('\n');
      expect(terminal.at(-1)).to.equal(c.header);
    });
  }

  it('lists the steps a run never reached: in the report, the terminal, results.json, and as skipped test cases that say why', async () => {
    const run = liveRun({ steps: 1, failure: new Error('apply failed') });
    const dir = await writeOutputs(out, run, stepNames);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).to.include('## Not observed\n\n- deny x to y\n');
    const terminal = renderTerminal(run.diff, { status: liveRunStatus(run, stepNames) });
    expect(terminal).to.include('step 1/2: baseline\n').and.include('step 2/2: deny x to y: not observed\n');
    const results = resultsSchema.parse(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')));
    expect(results.run).to.deep.include({ observedSteps: 1, notReached: ['deny x to y'] });
    const junit = junitSchema.parse(xml.parse(await readFile(join(dir, 'junit.xml'), 'utf8')));
    expect(junit.testsuites.testsuite[0]?.testcase.map((t) => [t.name, t['system-out']])).to.deep.equal([
      ['run', undefined], ['step: baseline', undefined], ['step: deny x to y', 'not observed: the run is failed'],
    ]);
    expect(junit.testsuites.skipped).to.equal('1');
  });
});
