// Debian's Chromium for the browser tests: installed by harness/setup/chromium.sh (nothing is
// downloaded but the Debian package), driven by playwright-core. Root needs --no-sandbox.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
const setupScript = fileURLToPath(new URL('../../../harness/setup/chromium.sh', import.meta.url));

/** Runs the set-up script (a no-op when Chromium is there), then starts a headless browser. */
export async function launchChromium(): Promise<Browser> {
  const setup = spawnSync('bash', [setupScript], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (setup.status !== 0) throw new Error(`harness/setup/chromium.sh exited ${setup.status ?? setup.signal}: see its message above`, { cause: setup.error });
  return chromium.launch({ executablePath: chromiumPath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}
