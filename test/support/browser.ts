import { chromium, type Browser } from 'playwright-core';
import { describe, it } from 'vitest';
import { testConfig } from './test-config';

/**
 * A browser suite: runs when Debian's Chromium is installed; under CI=true its absence fails the run,
 * elsewhere the suite is skipped and says why.
 */
export function describeBrowser(name: string, body: () => void) {
  if (testConfig.chromiumInstalled) {
    describe(name, body);
  } else if (testConfig.ci) {
    describe(name, () => {
      it('needs Chromium under CI', () => {
        throw new Error(`CI=true but ${testConfig.chromiumPath} is missing: .ci/run must install Debian's chromium.`);
      });
    });
  } else {
    describe.skip(`${name} — SKIPPED: ${testConfig.chromiumPath} not installed (apt-get install -y chromium)`, body);
  }
}

/** Headless Debian Chromium with the flags that work on this machine's closed network (Playwright gives each launch a fresh temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testConfig.chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
