import { tmpdir } from 'node:os';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Browser tests drive Debian's Chromium (apt package `chromium`, which .ci/run installs) with
 * playwright-core: no browser download, the same binary in CI and locally.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The phone the approver screens are made for. */
export const PHONE = { width: 390, height: 844 } as const;

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /**
   * Problems the page reported: uncaught errors, console errors (failed requests the app did
   * not expect, CSP violations: "Refused to ..."). A test asserts it stays empty.
   */
  problems: string[];
}

/** A fresh context (own cookies) and page at `viewport`, collecting the page's problems. */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = PHONE, opts: { mobile?: boolean } = {}): Promise<BrowserPage> {
  const mobile = opts.mobile ?? viewport.width < 600;
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.0-2.2 A and AA rules and best practices) on the page as it is now and
 * throws, naming each rule and element, when it finds a serious or critical violation. axe is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * application keeps its strict policy under test.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // These callbacks run in the page (the root tsconfig has no DOM types, hence globalThis).
  const alreadyLoaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!alreadyLoaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const source = (require('axe-core') as { source: string }).source;
    await page.evaluate(source);
  }
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> } };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) {
    const described = serious
      .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`)
      .join('\n');
    throw new Error(`axe found ${serious.length} serious or critical violation(s) on ${screen}:\n${described}`);
  }
}

/**
 * A PNG of the full page, or only what is in view. With UPDATE_SCREENSHOTS=1 it goes to
 * docs/screenshots/<name>.png (committed; the README shows them); otherwise to a directory under
 * the system's temp dir (printed once), so a test run leaves the working tree as it was.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? SCREENSHOTS : join(tmpdir(), 'aigov-screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true, animations: 'disabled' });
  return file;
}
