import type { Browser, Page } from 'playwright-core';
import { IMPACT_ASSESSMENT_TEMPLATE } from '@aigov/domain/impact-assessment.template';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { linkIn, openTaskOf, registerForApproval } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';

/**
 * Approvers act from a phone (390 x 844). One opens the inbox, signs in with the emailed link,
 * opens the task and approves it; a second approves from the action link in his emailed task
 * prompt, without signing in, and the round's step moves on. Real Chromium against the real stack (PostgreSQL, Temporal,
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
  let bert: HarnessUser;
  let rita: HarnessUser;
  let sam: HarnessUser;
  let system: { id: string; name: string };

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    approver = await h.createUser(['approver'], { name: 'Ada Approver' });
    // The high tier's risk step asks two of three (risk officers and approvers): all three here.
    bert = await h.createUser(['approver'], { name: 'Bert Approver' });
    rita = await h.createUser(['risk_officer'], { name: 'Rita Risk' });
    // The step after risk, so the round has somewhere to move on to.
    sam = await h.createUser(['security_officer'], { name: 'Sam Security' });
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
  async function expectFitsPhone(page: Page = tab.page): Promise<void> {
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
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

  it("approves from the action link in the emailed task prompt, on a phone, without signing in", async () => {
    // Bert's own phone: no session, only the link from his mail.
    const phone = await openPage(browser, PHONE);
    try {
      const { page } = phone;
      const prompt = await h.mail.waitFor((m) => m.to.includes(bert.user.email.toLowerCase()) && /\/actions\//.test(m.text));
      const link = linkIn(prompt.text);
      const task = await openTaskOf(h, system.id, bert, { step: 'risk' });

      // Opening the link (as a mail scanner would) shows the decision and decides nothing.
      const opened = await page.goto(link);
      expect(opened?.status()).toBe(200);
      expect(opened?.headers()['content-security-policy']).toContain("form-action 'self'");
      await page.getByRole('heading', { level: 1 }).waitFor();
      const [unused] = await h.dataSource.query(`SELECT t.status, a.used_at FROM tasks t JOIN action_tokens a ON a.task_id = t.id WHERE t.id = $1`, [task.id]);
      expect(unused).toEqual({ status: 'open', used_at: null });

      // What the decision rests on: the system's summary, why it is high risk, the assessment's answers.
      await page.getByText(system.name, { exact: true }).waitFor();
      await page.getByRole('heading', { name: 'The system' }).waitFor();
      const fact = (label: string) => page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
      expect(await fact('Intended use').textContent()).toBe('Internal decision support');
      expect(await fact('Model type').textContent()).toBe('gradient boosted trees');
      expect(await fact('Stage').textContent()).toBe('approval');
      await page.getByRole('heading', { name: 'Why this risk tier' }).waitFor();
      const { body: registered } = await h.api('GET', `/api/v1/ai-systems/${system.id}`, { token: owner.token });
      expect(registered.riskReasons.length).toBeGreaterThan(0);
      const reasons = await page.locator('ul.reasons li').allTextContents();
      expect(reasons).toEqual(registered.riskReasons.map((r: { text: string; reference: string; tier: string }) => `${r.text} (${r.reference}; ${r.tier})`));
      expect(reasons.join(' ')).toMatch(/Annex III/);
      await page.getByRole('heading', { name: 'Impact assessment answers' }).waitFor();
      const area = IMPACT_ASSESSMENT_TEMPLATE.questions.find((q) => q.id === 'annex3_area')!;
      const employment = area.options!.find((o) => o.value === 'employment')!.label;
      const answer = page.getByRole('table', { name: area.section }).getByRole('row', { name: area.text });
      expect(await answer.getByRole('cell').textContent()).toBe(employment);
      expect(await page.getByRole('row').count()).toBe(IMPACT_ASSESSMENT_TEMPLATE.questions.length);
      await expectAccessible(page, 'the emailed action page');
      await expectFitsPhone(page);
      await screenshot(page, 'action-page');

      // Only the form's POST decides.
      expect(await page.locator('form').getAttribute('method')).toBe('post');
      await page.getByRole('radio', { name: 'Approve' }).check();
      await page.getByLabel(/^Comment/).fill('Read the answers on my phone; approved.');
      const [posted] = await Promise.all([
        page.waitForResponse((r) => r.url() === link && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Record decision' }).click(),
      ]);
      expect(posted.status()).toBe(200);
      await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
      await expectAccessible(page, 'the decision recorded page');
      await expectFitsPhone(page);

      const [decided] = await h.dataSource.query(`SELECT t.status, t.decision, t.decided_by_id, t.comment, a.used_at IS NOT NULL AS used FROM tasks t JOIN action_tokens a ON a.task_id = t.id WHERE t.id = $1`, [task.id]);
      expect(decided).toEqual({ status: 'decided', decision: 'approve', decided_by_id: bert.user.id, comment: 'Read the answers on my phone; approved.', used: true });

      // Two of three approved: the risk step is done (Rita's task no longer waits) and the security step asks Sam.
      const security = await openTaskOf(h, system.id, sam, { step: 'security' });
      expect(security.id).toBeDefined();
      const [ritas] = await h.dataSource.query(`SELECT status FROM tasks WHERE ai_system_id = $1 AND assignee_id = $2 AND step_name = 'risk'`, [system.id, rita.user.id]);
      expect(ritas.status).not.toBe('open');

      // The link is spent: opening it again decides nothing and says so.
      const again = await page.goto(link);
      expect(again?.status()).toBe(409);
      await page.getByRole('heading', { name: 'Cannot use this link' }).waitFor();
      await expectAccessible(page, 'the spent link page');
      expect(phone.problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
    } finally {
      await phone.context.close();
    }
  }, 120_000);
});
