#!/usr/bin/env node
// The package's bin. In a checkout, Node runs the TypeScript sources as they are (type
// stripping). Installed from the package, under node_modules, Node does not strip types, so it
// runs the compiled dist/ that `npm pack` built (harness/package/build.ts).
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Older Node cannot run tierprobe (type stripping, explicit resource management): say so plainly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`tierprobe: needs Node 24 or later; this is Node ${process.versions.node} (${process.execPath})\n`
    + '  what to do: in a checkout, run npm ci (it brings Node 24 as the npm package node) and use npx tierprobe; installed as a package, run it with Node 24\n');
  process.exit(3);
}

const installed = fileURLToPath(import.meta.url).split(sep).includes('node_modules');
await import(installed ? '../../dist/harness/cli/main.js' : './main.ts');
