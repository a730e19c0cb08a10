import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { waitUntil } from '../../support/wait-until';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf, registerForApproval, reviewChecklist } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * What else approvers and reviewers do in the browser (test/fixtures/policies/web-policy.yaml:
 * the minimal tier is signed off by one named approver, reminded after 2 s, escalated after 4 s,
 * reviewed 5 s after deployment): the inbox shows the reminded and escalated markers; a task is
 * handed to a colleague, whose task is then a 403 page for the first approver; a decision the API refuses (409: decided meanwhile) shows the API's
 * reason and keeps what was typed; the owner records a periodic review with the checklist,
 * evidence and outcome. axe on every screen; no page errors (CSP violations included).
 */
describe('approver and reviewer actions in the browser', () => {
  let h: Harness;
  let browser: Browser;
  let owner: HarnessUser;
  let ada: HarnessUser;
  let bert: HarnessUser;
  const tabs: BrowserPage[] = [];
  /** Ada's phone: signed in by the first test, used again by the second. */
  let adasPhone: BrowserPage;
  // Each test's system, seeded at once so the policy's timers (reminded 2 s, escalated 4 s, reviewed 5 s after deployment) run side by side.
  let invoices: { system: { id: string; name: string }; task: { id: string } };
  let churn: { system: { id: string; name: string }; task: { id: string } };
  let tickets: { system: { id: string; name: string; path: string }; review: { id: string } };

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/web-policy.yaml') });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    ada = await h.createUser(['approver'], { name: 'Ada Approver', email: 'web-approver@example.test' });
    bert = await h.createUser(['approver'], { name: 'Bert Approver' });
    await h.createUser(['governance_office'], { name: 'Gina Governance' });
    const awaitingAda = async (name: string) => {
      const system = await registerForApproval(h, owner, 'minimal', { name });
      return { system, task: await openTaskOf(h, system.id, ada) };
    };
    const inOperation = async (name: string) => {
      const system = await registerForApproval(h, owner, 'minimal', { name });
      const approval = await openTaskOf(h, system.id, ada);
      expect((await h.api('POST', `/api/v1/tasks/${approval.id}/decision`, { token: ada.token, body: { decision: 'approve' } })).status).toBe(200);
      await waitUntil(async () => ((await h.api('GET', system.path, { token: owner.token })).body.stage === 'deployment' ? true : undefined), 30_000, 'approval');
      const deployed = await h.api('POST', `${system.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production' } });
      expect(deployed.status).toBe(201);
      return { system, review: await openTaskOf(h, system.id, owner) };
    };
    [invoices, churn, tickets] = await Promise.all([awaitingAda('Invoice classifier'), awaitingAda('Churn predictor'), inOperation('Ticket router')]);
  }, 120_000);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await h?.stop();
  });

  async function newTab(viewport: { width: number; height: number } = PHONE): Promise<BrowserPage> {
    const tab = await openPage(browser, viewport);
    tabs.push(tab);
    return tab;
  }

  /** The session probe's 401 before signing in is expected; anything else the page reports is not. */
  const unexpected = (tab: BrowserPage) => tab.problems.filter((p) => !/status of 401/.test(p));

  it('shows reminded and escalated tasks in the inbox, and hands one to a colleague', async () => {
    const { system, task } = invoices;
    await waitUntil(
      async () => ((await h.dataSource.query('SELECT escalated_at FROM tasks WHERE id = $1', [task.id]))[0]?.escalated_at ? true : undefined),
      30_000,
      'the task to be escalated',
    );

    adasPhone = await newTab();
    const tab = adasPhone;
    const { page } = tab;
    await page.goto(`${h.baseUrl}/inbox`);
    await page.waitForURL(/\/sign-in\?returnTo=/);
    await signInFromEmail(h, page, ada.user.email);
    const card = page.getByRole('listitem').filter({ hasText: system.name });
    await card.waitFor();
    const markers = await card.textContent();
    expect(markers).toMatch(/Reminded\s*\S/);
    expect(markers).toMatch(/Escalated\s*\S/);
    await expectAccessible(page, 'the inbox with reminded and escalated tasks');
    await screenshot(page, 'inbox-reminded-escalated');

    await card.getByRole('link').click();
    await page.getByRole('button', { name: /Hand this task to a colleague/ }).click();
    const colleague = page.getByLabel('Colleague', { exact: true });
    await colleague.waitFor();
    // Only people who can stand in are offered: Bert (same role), not the owner or Ada herself.
    const offered = await colleague.locator('option').allTextContents();
    expect(offered).toEqual(['Choose a colleague', `Bert Approver (${bert.user.email})`]);
    // Nothing chosen: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Hand over' }).click();
    await page.getByText('Choose who takes the task over.').waitFor();
    await colleague.selectOption(bert.user.id);
    await page.getByLabel('Reason').fill('On leave until Monday; Bert knows the vendor.');
    await expectAccessible(page, 'the delegation form');
    await page.getByRole('button', { name: 'Hand over' }).click();
    await page.getByText('Handed to a colleague').waitFor();

    const rows = await h.dataSource.query(`SELECT assignee_id, status, delegated_from_id FROM tasks WHERE ai_system_id = $1 AND step_name = 'sign-off' AND assignee_id IN ($2, $3)`, [
      system.id,
      ada.user.id,
      bert.user.id,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { assignee_id: ada.user.id, status: 'delegated', delegated_from_id: null },
        { assignee_id: bert.user.id, status: 'open', delegated_from_id: ada.user.id },
      ]),
    );

    // Bert's task is his: opening it shows the 403 page with the API's reason, not the task.
    const [{ id: bertsTaskId }] = await h.dataSource.query(`SELECT id FROM tasks WHERE ai_system_id = $1 AND assignee_id = $2`, [system.id, bert.user.id]);
    // The delegate picker's API: only for the assignee's open approval task.
    const delegatesOf = async (taskId: string, who: HarnessUser) => {
      const r = await h.api('GET', `/api/v1/tasks/${taskId}/delegates`, { token: who.token });
      return { status: r.status, field: r.body?.field };
    };
    expect(await delegatesOf(task.id, ada)).toEqual({ status: 409, field: 'taskId' });
    expect(await delegatesOf(bertsTaskId, ada)).toEqual({ status: 403, field: 'taskId' });
    expect(await delegatesOf('7c0e5b1e-2a57-4f0b-9a0e-3c1d2b4a5f60', ada)).toEqual({ status: 404, field: 'taskId' });
    expect((await h.api('GET', `/api/v1/tasks/${bertsTaskId}/delegates`, { token: bert.token })).body).toEqual([]);

    await page.goto(`${h.baseUrl}/tasks/${bertsTaskId}`);
    await page.getByRole('heading', { name: 'You cannot open this page' }).waitFor();
    expect(await page.getByText('this task is assigned to someone else').count()).toBe(1);
    await expectAccessible(page, 'the 403 page');
    await screenshot(page, 'forbidden');
    expect(unexpected(tab).filter((p) => !/status of 403/.test(p))).toEqual([]);
  }, 120_000);

  it("shows the API's reason when a decision is refused (409), keeping what was typed", async () => {
    const { task } = churn;
    // Ada's phone, still signed in from the first test (the third shows a task link sending one to sign in and back).
    const tab = adasPhone;
    const { page } = tab;
    const reported = tab.problems.length;
    await page.goto(`${h.baseUrl}/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Your decision' }).waitFor();

    // A reject needs a comment: the form says so before sending anything.
    await page.getByRole('radio', { name: /^Reject/ }).check();
    await page.getByRole('button', { name: 'Send decision' }).click();
    await page.getByText('Say why in the comment: the owner reads it.').waitFor();
    const comment = 'The training data includes customers who opted out.';
    await page.getByLabel(/^Comment/).fill(comment);

    // Meanwhile the same approver decides from elsewhere (a script with her token).
    const elsewhere = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: ada.token, body: { decision: 'approve' } });
    expect(elsewhere.status).toBe(200);

    await page.getByRole('button', { name: 'Send decision' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'This is not possible right now' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain(`task ${task.id} is decided; it can no longer be decided`);
    expect(await page.getByLabel(/^Comment/).inputValue()).toBe(comment);
    expect(await page.getByRole('radio', { name: /^Reject/ }).isChecked()).toBe(true);
    await expectAccessible(page, 'the refused decision');
    await problem.scrollIntoViewIfNeeded();
    await screenshot(page, 'task-conflict', { fullPage: false });
    expect(unexpected({ ...tab, problems: tab.problems.slice(reported) }).filter((p) => !/status of 409/.test(p))).toEqual([]);
  }, 120_000);

  it('lets the owner record a periodic review with the checklist, evidence and outcome', async () => {
    const { system, review } = tickets;

    const tab = await newTab(DESKTOP);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/tasks/${review.id}`);
    await page.waitForURL(/\/sign-in\?returnTo=/);
    await signInFromEmail(h, page, owner.user.email);
    await page.getByRole('heading', { name: 'Your review' }).waitFor();
    // A review belongs to the owner: nobody to hand it to, and the page offers no hand-over.
    expect((await h.api('GET', `/api/v1/tasks/${review.id}/delegates`, { token: owner.token })).status).toBe(409);
    expect(await page.getByRole('button', { name: /Hand this task to a colleague/ }).count()).toBe(0);

    // Sending with nothing answered marks every item and sends nothing.
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Some answers are missing; they are marked below.').waitFor();
    expect(await page.getByText('Answer this item.').count()).toBe(6);

    const checklist = reviewChecklist({ drift: { result: 'concern', note: 'Input mix shifted after the new ticket form.' } });
    for (const [item, answer] of Object.entries(checklist)) {
      const group = page.getByRole('group', { name: CHECKLIST_LABELS[item] });
      await group.getByRole('radio', { name: RESULT_LABELS[answer.result] }).check();
      if (answer.note) await group.getByLabel(/^Note on/).fill(answer.note);
    }
    await page.getByLabel('Evidence 1: what it is').fill('Routing accuracy, last 30 days');
    await page.getByLabel('Evidence 1: link').fill('https://dashboards.example.test/ticket-router/accuracy');
    await page.getByRole('radio', { name: /^Remediate/ }).check();
    await page.getByLabel('Title').fill('Retrain on the new ticket form');
    await page.getByLabel('What has to be done, and why').fill('Drift since the form changed; retrain and compare.');
    // Every outcome but continuing needs a comment: the form asks before sending.
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Say why: the comment goes into the review record.').waitFor();
    expect(await page.getByText('Answer this item.').count()).toBe(0);
    await page.getByLabel(/^Comment/).fill('Drift is real but small; keep it running while we retrain.');
    await expectAccessible(page, 'the review form');
    await screenshot(page, 'review-task');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Decided: Remediate').waitFor();

    const [decided] = await h.dataSource.query('SELECT status, decision, comment, checklist, evidence FROM tasks WHERE id = $1', [review.id]);
    expect(decided).toMatchObject({
      status: 'decided',
      decision: 'remediate',
      comment: 'Drift is real but small; keep it running while we retrain.',
      checklist: expect.objectContaining({ drift: { result: 'concern', note: 'Input mix shifted after the new ticket form.' }, performance: { result: 'pass', note: null } }),
      evidence: [{ label: 'Routing accuracy, last 30 days', uri: 'https://dashboards.example.test/ticket-router/accuracy' }],
    });
    const [action] = await h.dataSource.query('SELECT title FROM pdca_items WHERE ai_system_id = $1', [system.id]);
    expect(action).toEqual({ title: 'Retrain on the new ticket form' });
    expect(unexpected(tab)).toEqual([]);
  }, 120_000);
});

const CHECKLIST_LABELS: Record<string, string> = {
  performance: 'Performance against the agreed metrics',
  drift: 'Data and model drift',
  bias_fairness: 'Bias and fairness',
  incidents: 'Incidents and complaints',
  data_or_model_changes: 'Changes to data or model',
  intended_use: 'Still used as intended',
};
const RESULT_LABELS: Record<string, string> = { pass: 'Pass', concern: 'Concern', fail: 'Fail', not_applicable: 'Not applicable' };
