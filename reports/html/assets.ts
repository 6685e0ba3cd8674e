// The page's fixed parts, read once from beside this module: the two templates, the stylesheet,
// and the browser script (its files joined in order inside one strict function, so that their
// names stay off the page's global scope). They ship with the code, like a module's source.
import { readFileSync } from 'node:fs';

/** In order: each file uses only what the files before it define, and main.js starts the page. */
export const browserFiles = ['codec.js', 'data.js', 'detail.js', 'grid.js', 'main.js'];

export interface PageAssets {
  page: string;
  step: string;
  style: string;
  script: string;
}

let assets: PageAssets | undefined;

export function pageAssets(): PageAssets {
  assets ??= {
    page: read('templates/page.eta'),
    step: read('templates/step.eta'),
    style: read('browser/report.css'),
    script: `(() => {\n'use strict';\n${browserFiles.map((f) => read(`browser/${f}`)).join('\n')}\n})();\n`,
  };
  return assets;
}

function read(path: string): string {
  return readFileSync(new URL(path, import.meta.url), 'utf8');
}
