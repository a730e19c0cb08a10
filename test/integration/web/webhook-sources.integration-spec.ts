import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { expectAccessible, launchBrowser, openPage, PHONE, type BrowserPage } from '../../support/browser';
import { registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

/**
 * An admin manages webhook sources in the web application at phone width, in real Chromium
 * against the real stack: the empty list, a field error from the API, a source made for one
 * system (its secret shown once with a copy button, and that secret then signs a delivery the
 * API accepts), its systems changed, its secret rotated, and the source disabled. axe-core finds
 * no serious or critical violation on any state visited.
 */
describe('webhook sources in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let admin: HarnessUser;
  let tab: BrowserPage;
  const systems: Array<{ id: string; name: string }> = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir });
    admin = await h.createUser(['admin'], { name: 'Ada Admin' });
    const owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    for (const name of ['Claims triage', 'Fraud scoring']) {
      const made = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(name), accountableOwnerId: owner.user.id } });
      expect(made.status).toBe(201);
      systems.push({ id: made.body.id, name });
    }
  });
  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await h?.stop();
  });

  it('lists, creates (secret shown once, copied), re-scopes, rotates and disables a source', async () => {
    tab = await openPage(browser, PHONE);
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    const { page } = tab;
    await page.goto(`${h.baseUrl}/webhook-sources`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, admin.user.email);
    await page.getByRole('heading', { name: 'Webhook sources', level: 1 }).waitFor();
    await page.getByText('No webhook source yet').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'the empty webhook sources page');

    // No system ticked: the API's reason beside the systems.
    await page.getByRole('button', { name: 'Add a source' }).click();
    await page.getByLabel('Name').fill('Drift monitor');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('name at least one AI system in aiSystemIds, or set allSystems').waitFor();
    await expectAccessible(page, 'the new source form with a field error');
    await page.getByLabel('Claims triage').check();
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    await page.getByRole('heading', { name: 'Drift monitor is added' }).waitFor();
    const secret = (await page.getByLabel('Signing secret', { exact: true }).textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy the secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, 'the secret shown once');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('Signing secret').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    // The copied secret signs a delivery the API verifies (past the signature: refused only for the system outside its list).
    const [row] = await h.dataSource.query('SELECT id FROM webhook_sources');
    const body = JSON.stringify({ aiSystemId: systems[1].id, kind: 'drift', severity: 'low' });
    const now = new Date();
    const delivery = await h.api('POST', `/api/v1/monitoring/webhooks/${row.id}`, {
      body,
      headers: { 'webhook-id': 'msg_ui_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_ui_1', now, body) },
    });
    expect({ status: delivery.status, field: delivery.body.field }).toEqual({ status: 403, field: 'aiSystemId' });

    // Change its systems: both.
    const sourceRow = page.getByRole('row', { name: /Drift monitor/ });
    await sourceRow.getByText('Claims triage').waitFor();
    await page.getByRole('button', { name: 'Change systems of Drift monitor' }).click();
    await page.getByRole('form', { name: 'Systems of Drift monitor' }).getByLabel('Fraud scoring').check();
    await page.getByRole('button', { name: 'Save systems' }).click();
    await page.getByRole('row', { name: /Claims triage, Fraud scoring/ }).waitFor();
    await expectAccessible(page, 'the source with two systems');

    // Rotate: a new secret, shown once; the old one keeps working for a day.
    await page.getByRole('button', { name: 'Rotate secret of Drift monitor' }).click();
    await page.getByRole('heading', { name: 'New secret for Drift monitor' }).waitFor();
    const rotated = (await page.getByLabel('Signing secret', { exact: true }).textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByText(/the old one works until/).waitFor();

    // Disable, after a confirmation.
    await page.getByRole('button', { name: 'Disable Drift monitor' }).click();
    await page.getByRole('button', { name: 'Yes, disable Drift monitor for good' }).click();
    await page.getByText('Disabled', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Rotate secret of Drift monitor' }).count()).toBe(0);
    await expectAccessible(page, 'the disabled source');
    const audit = await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`webhook-source:${row.id}`]);
    expect(audit.map((a: { event_type: string }) => a.event_type)).toEqual(['webhook_source.created', 'webhook_source.updated', 'webhook_source.secret_rotated', 'webhook_source.disabled']);
    // The session probe before sign-in (401) and the refused creation (400) are expected; nothing else.
    expect(tab.problems.filter((p) => !/status of (400|401)/.test(p))).toEqual([]);
  }, 120_000);
});
