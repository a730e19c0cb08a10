import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';

/**
 * An approver acts from a phone (390 x 844): opens the inbox, signs in with the emailed link,
 * opens the task and approves it. Real Chromium against the real stack (PostgreSQL, Temporal,
 * worker, SMTP capture, the API serving the built web app under its strict CSP); axe-core finds
 * no serious or critical violation on any screen; the page reports no error (a CSP violation
 * would be one).
 */
describe('approver on a phone', () => {
  let h: Harness;
  let browser: Browser;
  let tab: BrowserPage;
  let owner: HarnessUser;
  let approver: HarnessUser;
  let system: { id: string; name: string };

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    approver = await h.createUser(['approver'], { name: 'Ada Approver' });
    // The high tier's risk step asks two of three (risk officers and approvers): all three here.
    await h.createUser(['approver'], { name: 'Bert Approver' });
    await h.createUser(['risk_officer'], { name: 'Rita Risk' });
    system = await registerForApproval(h, owner, 'high', { name: 'CV screening assistant' });
    await openTaskOf(h, system.id, approver, { step: 'risk' });
    tab = await openPage(browser, PHONE);
  }, 120_000);

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await h?.stop();
  });

  /** Problems the page reported, but the session probe's expected 401 before signing in. */
  const unexpectedProblems = () => tab.problems.filter((p) => !/status of 401/.test(p));

  /** Nothing is wider than the phone: no sideways scrolling. */
  async function expectFitsPhone(): Promise<void> {
    const width = await tab.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
  }

  it('signs in from the emailed link and approves a task from the inbox', async () => {
    const { page } = tab;

    // Not signed in: the inbox sends the approver to sign in, and will come back.
    const first = await page.goto(`${h.baseUrl}/inbox`);
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?returnTo=%2Finbox');
    await expectAccessible(page, 'the sign-in page');
    await expectFitsPhone();
    await screenshot(page, 'sign-in');

    await page.getByLabel('Work email').fill(approver.user.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await expectAccessible(page, 'the check-your-mail page');

    // The link from the mail opens the API's confirmation page; only its button signs in.
    const mail = await h.mail.waitFor((m) => m.to.includes(approver.user.email.toLowerCase()) && /\/auth\/sign-in\//.test(m.text));
    const link = mail.text.match(/https?:\/\/\S+\/auth\/sign-in\/\S+/)?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await expectAccessible(page, 'the emailed sign-in page');
    await page.getByRole('button', { name: `Sign in as ${approver.user.email}` }).click();

    // Back at the inbox, signed in: the task with its due marker.
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/inbox');
    const card = page.getByRole('listitem').filter({ hasText: system.name });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Due\s*in \d+ days/);
    expect(await page.getByText('Ada Approver').count()).toBe(1);
    await expectAccessible(page, 'the inbox');
    await expectFitsPhone();
    await screenshot(page, 'inbox');

    // The task: the system, its tier and the reason with its legal reference, the answers.
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: system.name }).waitFor();
    await page.getByRole('heading', { name: 'Risk tier' }).waitFor();
    expect(await page.getByText('High', { exact: true }).count()).toBe(1);
    expect(await page.getByText(/Annex III/).count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Assessment answers' }).waitFor();
    await page.getByRole('heading', { name: 'What changed' }).waitFor();
    expect(await page.getByText("This is the system's first approval").count()).toBe(1);
    await expectAccessible(page, 'the task page');
    await expectFitsPhone();
    await screenshot(page, 'task');

    // A comment is required only to reject or ask for changes; approve with one anyway.
    await page.getByRole('radio', { name: /^Approve/ }).check();
    await page.getByLabel(/^Comment/).fill('Bias tests look sound; approved for the pilot.');
    await page.getByRole('button', { name: 'Send decision' }).click();
    await page.getByText('Decided: Approve').waitFor();
    await expectAccessible(page, 'the decided task');

    const [task] = await h.dataSource.query(`SELECT status, decision, decided_by_id, comment FROM tasks WHERE ai_system_id = $1 AND assignee_id = $2 AND step_name = 'risk'`, [
      system.id,
      approver.user.id,
    ]);
    expect(task).toEqual({ status: 'decided', decision: 'approve', decided_by_id: approver.user.id, comment: 'Bias tests look sound; approved for the pilot.' });

    // The inbox no longer lists it.
    await page.getByRole('link', { name: 'Inbox' }).first().click();
    await page.getByText('Nothing is waiting for you').waitFor();
    await expectAccessible(page, 'the empty inbox');

    expect(unexpectedProblems()).toEqual([]);
  }, 120_000);
});
