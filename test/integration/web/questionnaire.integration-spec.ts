import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OMNIBUS_QUESTION, OMNIBUS_RULE } from '@aigov/domain/questionnaire/digital-omnibus.example';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 900 } as const;
const NEXT = '2026-11.2';

/**
 * The Questionnaire screens in real Chromium against the real stack: the governance office
 * starts the next version from the one in force, sees the API's 422 for a broken definition
 * beside the editor, adds the Digital Omnibus's Art. 5 question with the form (a missing field
 * named first), previews the systems it affects, saves and submits it with a due date; a
 * colleague approves. The owner, on a phone, finds the request in the inbox and on the system's
 * page, answers the new question by keyboard and keeps the tier; the governance office reads the
 * re-assessments list and the dashboard panel. axe-core finds no serious or critical violation.
 */
describe('questionnaire screens', () => {
  let h: Harness;
  let browser: Browser;
  let officer: HarnessUser;
  let colleague: HarnessUser;
  let owner: HarnessUser;
  let chat: { id: string; path: string; name: string };
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/questionnaire-policy.yaml') });
    officer = await h.createUser(['governance_office'], { name: 'Grace Governance' });
    colleague = await h.createUser(['governance_office'], { name: 'Gus Governance' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    chat = await operating(owner, 'limited', 'Chat assistant');
    await operating(owner, 'minimal', 'Invoice sorter');
  }, 180_000);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => undefined);
    await browser?.close();
    await h?.stop();
  });

  async function operating(by: HarnessUser, tier: 'minimal' | 'limited', name: string) {
    const system = await registerForApproval(h, by, tier, { name });
    const task = await openTaskOf(h, system.id, colleague);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: colleague.token, body: { decision: 'approve' } })).status).toBe(200);
    expect((await h.api('POST', `${system.path}/deployments`, { token: by.token, body: { version: '1.0.0', environment: 'production' } })).body.stage).toBe('operation');
    return system;
  }

  async function newTab(viewport: { width: number; height: number }): Promise<BrowserPage> {
    const tab = await openPage(browser, viewport);
    tabs.push(tab);
    return tab;
  }

  /** Problems the page reported, but the session probe's 401 before signing in and the refusals the test provokes. */
  const unexpected = (tab: BrowserPage, ...expected: number[]) => tab.problems.filter((p) => !/status of 401/.test(p) && !expected.some((s) => p.includes(`status of ${s}`)));
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
  /** The page is no wider than the phone: nothing to scroll sideways. */
  const noSidewaysScroll = async (page: Page) =>
    (await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)) <= PHONE.width;

  it('drafts, checks, previews and submits the Art. 5 version; a colleague approves', async () => {
    const tab = await newTab(DESKTOP);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/questionnaire`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, officer.user.email);
    await heading(page, 'Impact assessment questionnaire');
    await page.getByText(/Version 2026-11\.1 is in force/).waitFor();
    await page.getByRole('region', { name: 'Questionnaire versions' }).getByRole('row', { name: /^2026-11\.1/ }).waitFor();
    await expectAccessible(page, 'the questionnaire versions');

    // A broken definition: the API's 422 names the path, beside the editor, which keeps the text.
    const editor = page.getByLabel('Version definition (JSON)');
    await editor.fill('{ "version": "2026-11.2", "questions": [] }');
    await page.getByRole('button', { name: 'Check and preview' }).click();
    const problem = page.locator('#draft-definition-error');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^definition\.title: /);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the draft editor with the API’s refusal');

    // Start from the version in force; add the Omnibus question with the form (a missing field first).
    await page.getByRole('button', { name: 'Start from version 2026-11.1' }).click();
    await waitUntil(async () => ((await editor.inputValue()).includes(`"version": "${NEXT}"`) ? true : undefined), 10_000, 'the draft text');
    await page.locator('summary', { hasText: 'Add a yes/no question' }).click();
    await page.getByLabel('Section').fill(OMNIBUS_QUESTION.section);
    await page.getByLabel('Question id').fill(OMNIBUS_QUESTION.id);
    await page.getByLabel('Question', { exact: true }).fill(OMNIBUS_QUESTION.text);
    await page.getByLabel('Tier when the answer is yes').selectOption('prohibited');
    await page.getByLabel('Reason recorded when yes').fill(OMNIBUS_RULE.text);
    await page.getByRole('button', { name: 'Add to the draft' }).click();
    await page.getByText('Name the legal or standard reference.').waitFor();
    expect(await page.getByLabel('Legal or standard reference').evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await page.getByLabel('Legal or standard reference').fill(OMNIBUS_RULE.reference);
    await page.getByRole('button', { name: 'Add to the draft' }).click();
    await page.getByText(`Question ${OMNIBUS_QUESTION.id} and its rule are in the draft’s text.`).waitFor();
    expect(await editor.inputValue()).toContain(`"when": {\n        "question": "${OMNIBUS_QUESTION.id}",\n        "equals": true\n      }`);
    await expectAccessible(page, 'the draft editor with the new question form');

    // Checked and previewed against the systems in service: both could become prohibited.
    await page.getByRole('button', { name: 'Check and preview' }).click();
    await page.getByRole('heading', { name: `What version ${NEXT} would change` }).waitFor();
    await page.getByText('2 systems’ tiers will or could change').waitFor();
    const affected = page.getByRole('region', { name: 'Affected systems' });
    await affected.getByRole('row', { name: /Chat assistant.*Limited to Prohibited, depending on the answers/ }).waitFor();
    await affected.getByText(OMNIBUS_QUESTION.text).first().waitFor();
    await page.getByRole('heading', { name: 'Questions added' }).waitFor();
    await expectAccessible(page, 'the draft’s preview');

    // Saved, then submitted with a due date a week out.
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('heading', { name: new RegExp(`Draft of version ${NEXT.replace('.', '\\.')}`) }).waitFor();
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Re-assess by (optional)').fill(due);
    await page.getByRole('button', { name: `Submit version ${NEXT} for approval` }).click();
    // Frozen for its round: the panel says so (the form gives way to the round's state).
    await page.getByText(/round 1: waiting for approval\. Owners will be asked to re-assess by/).waitFor();
    expect(await page.getByLabel('Version definition (JSON)').count()).toBe(0);
    await screenshot(page, 'questionnaire-draft');
    expect(unexpected(tab, 422)).toEqual([]);

    // The colleague approves through the API (the drafter is not asked).
    const task = await waitUntil(
      async () => (await h.dataSource.query(`SELECT id, assignee_id FROM tasks WHERE subject_kind = 'questionnaire' AND status = 'open'`))[0] as { id: string; assignee_id: string } | undefined,
      30_000,
      'the publication task',
    );
    expect(task.assignee_id).toBe(colleague.user.id);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: colleague.token, body: { decision: 'approve' } })).status).toBe(200);
    await page.reload();
    await page.getByText(new RegExp(`Version ${NEXT.replace('.', '\\.')} is in force`)).waitFor();
    await page.getByRole('link', { name: '2 asked, 2 open' }).waitFor();
    await expectAccessible(page, 'the questionnaire with the new version in force');
  });

  it('shows the owner the request on a phone, in the inbox and on the system page; answered by keyboard, the tier stays', async () => {
    const tab = await newTab(PHONE);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/inbox`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, owner.user.email);
    await heading(page, 'Inbox');
    const requests = page.getByRole('region', { name: 'Re-assessments asked of you' });
    await requests.getByRole('link', { name: 'Re-assess Chat assistant' }).waitFor();
    await requests.getByText('Due').first().waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'the inbox with re-assessments');

    await page.goto(`${h.baseUrl}/systems/${chat.id}`);
    await heading(page, 'Chat assistant');
    await page.getByRole('heading', { name: 'Re-assessment requested' }).waitFor();
    await page.getByText(/Answer it by/).waitFor();
    await expectAccessible(page, 'the system page with a re-assessment request');
    await page.getByRole('link', { name: 'Re-assess now' }).click();
    await heading(page, `Re-assessment on questionnaire ${NEXT}`);
    await page.getByText(`New in version ${NEXT}`).waitFor();
    await page.getByText('One required question still to answer').waitFor();
    expect(await page.getByRole('button', { name: 'Submit the re-assessment' }).isDisabled()).toBe(true);
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'the re-assessment');

    // By keyboard: focus the new question's "No" and choose it with Space.
    const question = page.getByRole('group', { name: OMNIBUS_QUESTION.text });
    await question.getByRole('radio', { name: 'No' }).focus();
    await page.keyboard.press('Space');
    await page.getByText('The tier stays as it is').waitFor();
    await page.getByRole('button', { name: 'Submit the re-assessment' }).click();
    await heading(page, 'Chat assistant');
    await page.getByText(`Re-assessed on questionnaire ${NEXT}: the tier stays Limited`).waitFor();
    await page.getByRole('heading', { name: 'Re-assessment requested' }).waitFor({ state: 'detached' });
    await screenshot(page, 'questionnaire-reassessed-phone');
    expect(unexpected(tab)).toEqual([]);
    const [assessment] = await h.dataSource.query(`SELECT template_version FROM impact_assessments WHERE ai_system_id = $1 ORDER BY version DESC LIMIT 1`, [chat.id]);
    expect(assessment.template_version).toBe(NEXT);
  });

  it('lists the re-assessments for the governance office and counts them on the dashboard', async () => {
    const tab = await newTab(DESKTOP);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/questionnaire/reassessments`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, officer.user.email);
    await heading(page, 'Re-assessments');
    const table = page.getByRole('region', { name: 'Re-assessments' });
    await table.getByRole('row', { name: /Invoice sorter.*Olga Owner/ }).waitFor();
    await table.getByRole('row', { name: /Chat assistant.*Limited → Limited/ }).getByText('Completed: Unchanged').waitFor();
    await expectAccessible(page, 'the re-assessments');
    await page.getByLabel('State').selectOption('overdue');
    await heading(page, 'Overdue re-assessments');
    await page.getByText('Nothing is overdue').waitFor();
    await expectAccessible(page, 'the overdue re-assessments, none');

    await page.goto(`${h.baseUrl}/dashboard`);
    await heading(page, 'Dashboard');
    const panel = page.getByRole('region', { name: 'Re-assessments after questionnaire changes' });
    await panel.getByText(/^1 open, 0 overdue\. Overdue re-assessments$/).waitFor();
    await panel.getByText(/^Version 2026-11\.2: 1 open, 0 overdue, 1 completed/).waitFor();
    await expectAccessible(page, 'the dashboard with the re-assessments panel');
    await panel.getByRole('link', { name: `Version ${NEXT}` }).waitFor();
    expect(unexpected(tab)).toEqual([]);
  });
});
