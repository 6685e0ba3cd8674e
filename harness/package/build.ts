// npm run build (npm pack runs it first): the package users install. Node does not strip types
// under node_modules, so the harness and reports are compiled to dist/ (JavaScript with .d.ts),
// and every file they read at run time is copied beside them at the same relative place: the
// image recipes and pinned Go modules, the Calico manifests, setup scripts, RBAC manifests, the
// report's templates and browser code, kind-config/, the probe agent's sources and the library
// scenarios. Nothing third-party is copied: npm installs the dependencies.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

/** What is copied as it is: directories walked for files a rule keeps. */
const assets: { dir: string; keep: (path: string) => boolean }[] = [
  { dir: 'harness', keep: (p) => !p.endsWith('.ts') },
  { dir: 'reports', keep: (p) => !p.endsWith('.ts') && p !== join('reports', 'html', 'browser', 'tsconfig.json') },
  { dir: 'kind-config', keep: () => true },
  { dir: 'probes', keep: (p) => !p.endsWith('_test.go') },
  { dir: 'scenarios', keep: () => true },
];

/** Never shipped: test data and what a checkout builds or caches. */
const skipped = new Set(['testdata', 'node_modules', 'dist', 'package']);

function main(): number {
  const started = performance.now();
  rmSync(dist, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(import.meta.dirname, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    process.stderr.write(`build: tsc failed (exit ${tsc.status ?? tsc.signal}); nothing is left in dist/\n`);
    rmSync(dist, { recursive: true, force: true });
    return 1;
  }
  let copied = 0;
  for (const a of assets) {
    for (const file of walk(join(root, a.dir))) {
      const rel = relative(root, file);
      if (!a.keep(rel)) continue;
      cpSync(file, join(dist, rel));
      copied++;
    }
  }
  for (const needed of ['harness/cli/main.js', 'harness/api/index.js', 'harness/api/index.d.ts', 'harness/api/chai.js', 'kind-config/default.yaml', 'harness/cluster/images/prepare.sh']) {
    if (!existsSync(join(dist, needed))) {
      process.stderr.write(`build: dist/${needed} is missing after the build\n`);
      return 1;
    }
  }
  process.stderr.write(`build: dist/ compiled and ${copied} asset file(s) copied in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (skipped.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

process.exitCode = main();
