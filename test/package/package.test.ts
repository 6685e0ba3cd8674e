// Issue 11, item 5: the package as users get it. npm pack (its prepack builds dist/), the
// tarball installed with mocha and chai into a new project, the README's mocha example run there,
// a failing assertion's table, the shipped .d.ts against a TypeScript use, and the installed bin.
import { expect } from 'chai';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
/** The versions this checkout tests with, so npm serves them from its cache. */
const pinned = (name: string) => `${name}@${(own.devDependencies[name] ?? 'latest').replace(/^\^/, '')}`;
/** Node 24 (the one running the tests) first on PATH, for the bins' `#!/usr/bin/env node`. */
const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.status, `${what} exited ${String(r.status)}:\n${r.stdout}\n${r.stderr}`).to.equal(0);
  return r.stdout;
}

/** The README's example: the js block after the package-example marker. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf('<!-- package-example');
  const m = /```js\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || !m?.[1]) throw new Error('README.md has no package-example block');
  return m[1];
}

describe('the packed package, installed into a new project', function () {
  this.timeout(15 * 60_000);
  let tmp: string;
  let project: string;
  let files: string[];

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'tierprobe-package-'));
    const packed = JSON.parse(ok(run('npm', ['pack', '--json', '--pack-destination', tmp], root), 'npm pack')) as { filename: string; files: { path: string }[] }[];
    const info = packed[0];
    if (!info) throw new Error('npm pack named no tarball');
    files = info.files.map((f) => f.path);
    project = join(tmp, 'project');
    mkdirSync(join(project, 'test'), { recursive: true });
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'uses-tierprobe', private: true, type: 'module' }, null, 2)}\n`);
    // The user's own scenarios: the library's, as a project would keep them.
    cpSync(join(root, 'scenarios'), join(project, 'scenarios'), { recursive: true });
    ok(run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(tmp, info.filename), pinned('mocha'), pinned('chai'), pinned('@types/chai'), pinned('@types/node')], project), 'npm install of the tarball');
  });

  after(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

  it('ships compiled JavaScript with declarations, the bin and what the code reads at run time, and no TypeScript sources or test data', () => {
    for (const f of ['dist/harness/api/index.js', 'dist/harness/api/index.d.ts', 'dist/harness/api/chai.js', 'dist/harness/cli/main.js', 'harness/cli/tierprobe.js',
      'dist/harness/cluster/images/prepare.sh', 'dist/harness/cluster/images/go/calico/go.sum', 'dist/reports/html/templates/page.eta', 'dist/reports/html/browser/main.js',
      'dist/kind-config/default.yaml', 'dist/probes/agent/main.go', 'dist/probes/image/build.sh', 'dist/scenarios/tiered-guardrail.yaml', 'README.md']) {
      expect(files, f).to.include(f);
    }
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).to.deep.equal([]);
    expect(files.filter((f) => /testdata|\.test\.|_test\.go|node_modules/.test(f))).to.deep.equal([]);
  });

  it('runs the README\'s mocha example (the model; the live case is skipped without TIERPROBE_LIVE)', () => {
    writeFileSync(join(project, 'test', 'guardrail.test.js'), readmeExample());
    const { TIERPROBE_LIVE: _live, ...rest } = env;
    const r = spawnSync(process.execPath, [join(project, 'node_modules', 'mocha', 'bin', 'mocha.js'), 'test/guardrail.test.js'], { cwd: project, env: rest, encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
    expect(r.stdout).to.match(/1 passing/).and.match(/1 pending/);
  });

  it('a failing assertion prints the table of the cells not as asked', () => {
    writeFileSync(join(project, 'test', 'failing.test.js'), [
      'import * as chai from \'chai\';',
      'import { expect } from \'chai\';',
      'import { explainScenario } from \'tierprobe\';',
      'import tierprobe from \'tierprobe/chai\';',
      'chai.use(tierprobe);',
      'it(\'is not all allowed\', async () => {',
      '  expect(await explainScenario(\'scenarios/tiered-guardrail.yaml\')).to.conformTo({ default: \'allow\' });',
      '});',
      '',
    ].join('\n'));
    const r = run(process.execPath, [join(project, 'node_modules', 'mocha', 'bin', 'mocha.js'), 'test/failing.test.js'], project);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.contain('expected tiered-guardrail to conform: 4 of 36 checked cell(s) differ');
    expect(r.stdout).to.match(/step\s+cell\s+wanted\s+got\s+from\s+decided by \(model\)/);
    expect(r.stdout).to.contain('tier security: GlobalNetworkPolicy security.isolate-payments rule 0 (Deny)');
  });

  it('types the API and the plugin through the shipped .d.ts (and refuses a wrong use)', () => {
    writeFileSync(join(project, 'use.ts'), [
      'import * as chai from \'chai\';',
      'import { expect } from \'chai\';',
      'import { explainScenario, type TierprobeResult, type ResultCell, InputError } from \'tierprobe\';',
      'import tierprobe from \'tierprobe/chai\';',
      'chai.use(tierprobe);',
      'const result: TierprobeResult = await explainScenario(\'scenarios/tiered-guardrail.yaml\', { calicoVersion: \'3.31\' });',
      'const cell: ResultCell | undefined = result.last.cells[0];',
      'const tier: string | undefined = cell?.decidedBy?.tier;',
      'expect(result.step(1)).to.deny(\'tools/*\', \'payments/*\', \'80/TCP\').and.decidedBy({ tier: \'security\' });',
      '// @ts-expect-error a port is a string N/PROTO',
      'expect(result.step(1)).to.deny(\'tools/*\', \'payments/*\', 80);',
      '// @ts-expect-error decidedBy takes decider fields',
      'expect(result.step(1)).to.allow(\'x/*\', \'y/*\').and.decidedBy({ team: \'a\' });',
      'export { tier, InputError };',
      '',
    ].join('\n'));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2024', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: ['node', 'chai'] }, files: ['use.ts'] }));
    ok(run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], project), 'tsc on use.ts');
  });

  it('its bin runs the compiled CLI: --help, explain of a scenario, and bad input exit 2 with the file and line', () => {
    const bin = join(project, 'node_modules', '.bin', 'tierprobe');
    expect(ok(run(bin, ['--help'], project), 'tierprobe --help')).to.contain('tierprobe explain');
    expect(ok(run(bin, ['explain', 'scenarios/tiered-guardrail.yaml'], project), 'tierprobe explain')).to.contain('step 2/3: security tier denies tools to payments');
    writeFileSync(join(project, 'bad.yaml'), 'apiVersion: tierprobe/v1alpha1\nkind: Scenario\nmetadata: {name: bad}\nnamespaces: []\nsteps: nope\n');
    const bad = run(bin, ['validate', 'bad.yaml'], project);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.match(/bad\.yaml:5:/).and.not.match(/at .*\.js:\d+/);
  });
});
