#!/usr/bin/env node
// The package's bin. In a checkout, Node runs the TypeScript sources as they are (type
// stripping). Installed from the package, under node_modules, Node does not strip types, so it
// runs the compiled dist/ that `npm pack` built (harness/package/build.ts).
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const installed = fileURLToPath(import.meta.url).split(sep).includes('node_modules');
await import(installed ? '../../dist/harness/cli/main.js' : './main.ts');
