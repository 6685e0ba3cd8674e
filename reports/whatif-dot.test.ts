import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libraryScenario, whatifOf, whatifTestdata } from '../harness/whatif/whatif.test-helper.ts';
import { quote, renderWhatifDot } from './whatif-dot.ts';

/** Debian's graphviz, where installed: the real parser of the format. */
const dot = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;

function parses(text: string): { code: number | null; canon: string; stderr: string } {
  const r = spawnSync('dot', ['-Tcanon'], { input: text });
  return { code: r.status, canon: r.stdout.toString(), stderr: r.stderr.toString() };
}

describe('whatif --format dot', () => {
  it('is a digraph with a cluster per namespace and the flips as edges coloured by their way', async () => {
    const r = await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('delete-security-policy.yaml')]);
    const text = renderWhatifDot(r);
    expect(text).to.match(/^digraph "whatif tiered-guardrail" \{\n/).and.match(/\n\}\n$/);
    expect(text).to.contain('  subgraph "cluster_tools" {\n    label="tools";\n    "tools/debug" [label="debug"];\n  }');
    expect(text).to.contain('  subgraph "cluster_payments" {\n    label="payments";\n    "payments/api" [label="api"];\n  }');
    // One edge for both ports: deny -> allow is green.
    expect(text.match(/->/g)).to.have.length(1);
    expect(text).to.contain('"tools/debug" -> "payments/api" [color="green", fontcolor="green", label="80/TCP\\n80/UDP", tooltip="deny → allow"];');
    expect(text).to.not.contain('cluster_frontend');
  });

  it('an allow -> deny flip is red; a Service edge names its backend', async () => {
    const r = await whatifOf(libraryScenario('services.yaml'), [whatifTestdata('deny-web.yaml')], { step: 'baseline' });
    const text = renderWhatifDot(r);
    expect(text).to.contain('"x/a" -> "svc:y/web" [color="red", fontcolor="red", label="80/TCP via y/a\\n81/TCP via y/a\\n81/TCP via y/b", tooltip="allow → deny"];');
    expect(text).to.match(/subgraph "cluster_y" \{[^}]*"svc:y\/web" \[label="web \(Service\)", shape="component"\];[^}]*\}/);
  });

  it('externals stand outside every cluster; a flip to unknown is orange and dashed', async () => {
    const text = renderWhatifDot(await whatifOf(whatifTestdata('edges-scenario.yaml'), [whatifTestdata('edges-change.yaml')]));
    expect(text).to.contain('\n  "external:internet" [label="external:internet", shape="ellipse"];\n');
    expect(text).to.contain('"x/a" -> "external:internet" [color="red", fontcolor="red", label="443/TCP", tooltip="allow → deny"];');
    expect(text).to.contain('"x/a" -> "y/b" [color="orange", fontcolor="orange", style="dashed", label="80/TCP", tooltip="allow → unknown"];');
    if (dot) expect(parses(text).code).to.equal(0);
  });

  it('escapes quotes, backslashes and newlines in every string', () => {
    expect(quote('a"b\\c\nd')).to.equal('"a\\"b\\\\c\\nd"');
  });

  it('a change file with quotes and backslashes in its path still gives valid DOT', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'tierprobe-whatif-dot-'));
    try {
      const odd = join(dir, 'odd "name" \\ here.yaml');
      await copyFile(whatifTestdata('delete-security-policy.yaml'), odd);
      const text = renderWhatifDot(await whatifOf(libraryScenario('tiered-guardrail.yaml'), [odd]));
      expect(text).to.contain('odd \\"name\\" \\\\ here.yaml');
      if (!dot) return this.skip();
      const p = parses(text);
      expect(p.code, p.stderr).to.equal(0);
      expect(p.canon).to.contain('odd \\"name\\" \\\\ here.yaml');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('Graphviz reads it as a digraph with the namespace clusters (skipped without dot)', async function () {
    if (!dot) return this.skip();
    const r = await whatifOf(libraryScenario('services.yaml'), [whatifTestdata('deny-web.yaml')], { step: 'baseline' });
    const p = parses(renderWhatifDot(r));
    expect(p.code, p.stderr).to.equal(0);
    expect(p.canon).to.match(/^digraph "whatif services" \{/).and.contain('subgraph cluster_x {').and.contain('subgraph cluster_y {');
  });
});
