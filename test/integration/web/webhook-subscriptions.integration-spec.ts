import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { expectAccessible, launchBrowser, openPage, PHONE, type BrowserPage } from '../../support/browser';
import { registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';

const phoneWidth = () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth;

/**
 * An admin manages outbound webhook subscriptions in the web application at phone width, in
 * real Chromium against the real stack (worker included): the empty list, the API's field error,
 * a subscription made for chosen events (its secret shown once with a copy button; that secret
 * verifies the delivery the receiver then gets), the delivery listed with its attempt, disabled
 * and enabled, the secret rotated, and deleted. An auditor sees the list without action
 * controls. axe-core finds no serious or critical violation on any state visited.
 */
describe('webhook subscriptions in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let admin: HarnessUser;
  let auditor: HarnessUser;
  let owner: HarnessUser;
  let receiver: WebhookReceiver;
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, env: { WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true', WEBHOOK_DISPATCH_POLL: 'PT0.1S', WEBHOOK_RETRY_INITIAL: 'PT0.3S' } });
    receiver = await startWebhookReceiver();
    admin = await h.createUser(['admin'], { name: 'Ada Admin' });
    auditor = await h.createUser(['auditor'], { name: 'Audrey Auditor' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
  });
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await receiver?.stop();
    await h?.stop();
  });

  it('lists, creates (secret shown once, copied), shows deliveries with attempts, disables, enables, rotates and deletes', async () => {
    const tab = await openPage(browser, PHONE);
    tabs.push(tab);
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    const { page } = tab;
    await page.goto(`${h.baseUrl}/webhook-subscriptions`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, admin.user.email);
    await page.getByRole('heading', { name: 'Webhook subscriptions', level: 1 }).waitFor();
    await page.getByText('No webhook subscription yet').waitFor();
    expect(await page.evaluate(phoneWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'the empty webhook subscriptions page');

    // A scheme the API refuses: its reason beside the URL.
    await page.getByRole('button', { name: 'Add a subscription' }).click();
    await page.getByLabel('Endpoint URL').fill('ftp://example.com/hook');
    await page.getByLabel('Description').fill('Risk bridge');
    await page.getByLabel('ai_system.stage_changed').check();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('url must use http or https, not ftp').waitFor();
    await expectAccessible(page, 'the new subscription form with a field error');
    await page.getByLabel('Endpoint URL').fill(`${receiver.url}/ui`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    await page.getByRole('heading', { name: 'Risk bridge is subscribed' }).waitFor();
    const secret = (await page.getByLabel('Signing secret', { exact: true }).textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy the secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(secret);
    expect(await page.evaluate(phoneWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'the secret shown once');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('Signing secret', { exact: true }).waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    // A stage change is delivered, verified with the copied secret, and listed with its attempt.
    const system = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Claims triage'), accountableOwnerId: owner.user.id } });
    expect((await h.api('POST', `/api/v1/ai-systems/${system.body.id}/submit`, { token: owner.token })).status).toBe(201);
    const arrived = await waitUntil(async () => receiver.received.find((r) => r.path === '/ui'), 30_000, 'the delivery');
    expect((new Webhook(secret).verify(arrived.body, arrived.headers) as { type: string }).type).toBe('ai_system.stage_changed');
    await page.getByRole('link', { name: 'Risk bridge' }).click();
    await page.getByRole('heading', { name: 'Risk bridge', level: 1 }).waitFor();
    await page.getByRole('list', { name: /Attempts of ai_system.stage_changed/ }).getByText(/HTTP 204/).waitFor();
    await page.getByText('Delivered').waitFor();
    expect(await page.evaluate(phoneWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'a subscription with its deliveries');

    // Disable, enable, rotate.
    await page.getByRole('button', { name: 'Disable Risk bridge' }).click();
    await page.getByText('Disabled', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Enable Risk bridge' }).click();
    await page.getByRole('button', { name: 'Disable Risk bridge' }).waitFor();
    await page.getByRole('button', { name: 'Rotate secret of Risk bridge' }).click();
    await page.getByRole('heading', { name: 'New signing secret' }).waitFor();
    const rotated = (await page.getByLabel('Signing secret', { exact: true }).textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByText(/still signs until/).waitFor();
    await expectAccessible(page, 'the rotated subscription');

    // An auditor reads the list but is offered no action.
    const auditorTab = await openPage(browser, PHONE);
    tabs.push(auditorTab);
    await auditorTab.page.goto(`${h.baseUrl}/webhook-subscriptions`);
    await auditorTab.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, auditorTab.page, auditor.user.email);
    await auditorTab.page.getByRole('link', { name: 'Risk bridge' }).waitFor();
    expect(await auditorTab.page.getByRole('button', { name: /Add a subscription|Disable|Rotate|Delete/ }).count()).toBe(0);
    await expectAccessible(auditorTab.page, "the auditor's list");

    // Delete, after a confirmation: back to the empty list.
    await page.getByRole('button', { name: 'Delete Risk bridge' }).click();
    await page.getByRole('button', { name: 'Yes, delete Risk bridge and its deliveries' }).click();
    await page.getByText('No webhook subscription yet').waitFor();
    const [{ id }] = await h.dataSource.query(`SELECT DISTINCT stream_id AS id FROM audit_events WHERE stream_id LIKE 'webhook-subscription:%'`);
    const audit = await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [id]);
    expect(audit.map((a: { event_type: string }) => a.event_type)).toEqual([
      'webhook_subscription.created',
      'webhook_subscription.disabled',
      'webhook_subscription.enabled',
      'webhook_subscription.secret_rotated',
      'webhook_subscription.deleted',
    ]);
    // 401: the session asked for before signing in; 400: the refused URL
    expect(tab.problems.filter((p) => !/status of 40[01]/.test(p)).join('\n')).toBe('');
    expect(auditorTab.problems.filter((p) => !/status of 401/.test(p)).join('\n')).toBe('');
  }, 150_000);
});
