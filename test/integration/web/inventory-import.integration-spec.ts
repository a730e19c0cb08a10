import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { inventoryCsv, inventoryRow } from '../../support/inventory-files';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const pageWidth = (tab: BrowserPage) =>
  tab.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

/**
 * The governance office imports AI systems in the web application at phone width, in real
 * Chromium against the real stack: from the inventory to the Import screen, a file checked with
 * problems (the report's table names each by row and column), the corrected file checked and
 * imported, the outcome and the recent imports, and the systems in the inventory with its XLSX
 * download. An auditor sees no Import button. axe-core finds no serious or critical violation on
 * any state visited.
 */
describe('inventory import in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let office: HarnessUser;
  let auditor: HarnessUser;
  let owner: HarnessUser;
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir });
    office = await h.createUser(['governance_office'], { name: 'Gina Governance' });
    auditor = await h.createUser(['auditor'], { name: 'Audrey Auditor' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
  });
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await h?.stop();
  });

  it('checks a file, shows its problems by row and column, then imports the corrected file', async () => {
    const tab = await openPage(browser, PHONE);
    tabs.push(tab);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/inventory`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, office.user.email);
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Import systems' }).click();
    await page.getByRole('heading', { name: 'Import AI systems', level: 1 }).waitFor();
    await page.getByText('No import yet').waitFor();
    await expectAccessible(page, 'the empty import screen');

    // No file chosen: said beside the field.
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Choose a file first.').waitFor();

    const rows = [
      inventoryRow('HR-1', owner.user.email, { name: 'CV screening' }),
      inventoryRow('HR-2', 'nobody@example.test', { name: 'Shift planner' }),
      inventoryRow('HR-3', owner.user.email, { name: 'Exit interviews', personalData: 'perhaps' }),
    ];
    await page.getByLabel('CSV or XLSX file').setInputFiles({ name: 'hr-systems.csv', mimeType: 'text/csv', buffer: inventoryCsv(rows) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const report = page.getByRole('heading', { name: 'The file has problems' });
    await report.waitFor();
    // focus moves to the report, so a screen reader reads it next
    expect(await report.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    const problems = page.getByRole('table', { name: 'Problems by row and column' });
    await problems.getByRole('row', { name: /3 accountableOwner no active user with this email/ }).waitFor();
    await problems.getByRole('row', { name: /4 personalData must be true or false/ }).waitFor();
    await page.getByText('Nothing can be imported until every problem is fixed').waitFor();
    expect(await page.getByRole('button', { name: /^Import \d/ }).count()).toBe(0);
    expect(await pageWidth(tab)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'the dry run report with problems');
    console.log(`screenshot: ${await screenshot(page, 'inventory-import-problems-phone')}`);

    // The corrected file.
    rows[1] = inventoryRow('HR-2', owner.user.email, { name: 'Shift planner' });
    rows[2] = inventoryRow('HR-3', owner.user.email, { name: 'Exit interviews' });
    await page.getByLabel('CSV or XLSX file').setInputFiles({ name: 'hr-systems.csv', mimeType: 'text/csv', buffer: inventoryCsv(rows) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'The file can be imported' }).waitFor();
    await page.getByRole('table', { name: 'Rows that register or update a system' }).getByRole('row', { name: /2 HR-1 CV screening Register/ }).waitFor();
    await expectAccessible(page, 'the dry run report of a valid file');
    await page.getByRole('button', { name: 'Import 3 systems' }).click();

    const outcome = page.getByRole('heading', { name: 'Imported' });
    await outcome.waitFor();
    await page.getByText('Registered 3, updated 0, left 0 unchanged.').waitFor();
    await page.getByRole('status').filter({ hasText: 'Lifecycle workflows started: 3 of 3.' }).waitFor();
    await page.getByRole('table', { name: 'Recent imports' }).getByRole('row', { name: /hr-systems\.csv/ }).waitFor();
    expect(await pageWidth(tab)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'the import outcome');
    console.log(`screenshot: ${await screenshot(page, 'inventory-import-done-phone')}`);

    // In the inventory, with its XLSX download.
    await page.getByRole('link', { name: 'Back to the inventory' }).click();
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'CV screening' }).waitFor();
    const xlsx = page.getByRole('link', { name: 'Download XLSX' });
    expect(await xlsx.getAttribute('href')).toMatch(/^\/api\/v1\/ai-systems\/export\.xlsx\?/);
    const download = await Promise.all([page.waitForEvent('download'), xlsx.click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toMatch(/^ai-systems-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expectAccessible(page, 'the inventory with its downloads');
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ai_systems WHERE external_id LIKE 'HR-%'`);
    expect(n).toBe(3);
    // the session probe before sign-in is a 401; nothing else went wrong on the page
    expect(tab.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  }, 180_000);

  it('offers an auditor the downloads and no import', async () => {
    const tab = await openPage(browser, PHONE);
    tabs.push(tab);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/inventory`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, auditor.user.email);
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Download XLSX' }).waitFor();
    expect(await page.getByRole('link', { name: 'Import systems' }).count()).toBe(0);
    await page.goto(`${h.baseUrl}/inventory/import`);
    await page.getByRole('heading', { name: 'You cannot open this page' }).waitFor();
    await expectAccessible(page, 'the import screen refused to an auditor');
  }, 120_000);
});
