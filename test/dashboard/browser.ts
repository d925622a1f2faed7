import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startMockServer, type MockServer } from '../../src/in-process.js';
import type { MockOptions } from '../../src/config/options.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const noBrowser = existsSync(CHROMIUM)
  ? undefined
  : `needs Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it when missing)`;

/** Where the test run saves a screenshot of each view (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/**
 * Chromium headless in this sandbox: no GPU, no network of its own (no component updates, sync
 * or QUIC probes to hosts it cannot reach). playwright gives each launch a fresh profile
 * (--user-data-dir in a temporary folder) and removes it on close.
 */
export async function launch(t: Test): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  t.teardown(() => browser.close());
  await mkdir(SCREENSHOTS, { recursive: true });
  return browser;
}

/** An emulator on a loopback port for one test, closed when it ends. */
export async function server(t: Test, options: Partial<MockOptions> = {}): Promise<MockServer> {
  const mock = await startMockServer({ host: '127.0.0.1', port: 0, ...options });
  t.teardown(() => mock.close());
  return mock;
}

/** A tab at 1280×800 in a context of its own (its own sessionStorage), closed when the test ends. */
export async function tab(t: Test, browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  t.teardown(() => context.close());
  return { context, page: await context.newPage() };
}

/**
 * What went wrong in a tab: console errors, uncaught exceptions, requests that failed or were
 * answered 4xx/5xx, and dialogs (alert, confirm), which it dismisses.
 */
export function watch(page: Page): { problems: string[]; dialogs: string[] } {
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A poll still in flight when the test moves to another view or closes the tab is cancelled
    // by the browser (net::ERR_ABORTED): the page asked for nothing that failed.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { problems, dialogs };
}
