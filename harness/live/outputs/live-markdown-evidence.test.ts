import { expect } from 'chai';
import { liveRun, stepNames } from './live-run.test-helper.ts';
import { liveMarkdown } from './live-markdown.ts';
import { liveRunStatus } from './run-status.ts';

describe('report.md: the Evidence section', () => {
  const render = (signing?: { keyFingerprint?: string }) => {
    const run = { ...liveRun({ steps: 2 }), ...(signing ? { signing } : {}) };
    return liveMarkdown(run, [], liveRunStatus(run, stepNames));
  };

  it('unsigned: says the MANIFEST guards against accidental change only, and whose clock the times are', () => {
    const md = render();
    const evidence = md.slice(md.indexOf('## Evidence'));
    expect(evidence).to.contain('`run.log`').and.contain('`tierprobe verify DIR`')
      .and.contain('- MANIFEST lists the sha256 of every file of this bundle. It is not signed: it guards against accidental change only')
      .and.contain('- Times are from the local clock');
  });

  it('signed: names the key by its fingerprint', () => {
    const md = render({ keyFingerprint: 'ab'.repeat(32) });
    expect(md).to.contain(`is signed (MANIFEST.sig) with the key whose fingerprint is ${'ab'.repeat(32)}`).and.not.contain('It is not signed');
  });
});
