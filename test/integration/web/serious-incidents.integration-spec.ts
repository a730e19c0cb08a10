import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, type BrowserPage } from '../../support/browser';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { pdfPages } from '../../support/pdf-text';
import { waitUntil } from '../../support/wait-until';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 800 } as const;
const DAY = 86_400_000;

/**
 * Serious incidents (EU AI Act Art. 73) in the web application, in real Chromium against the
 * real stack: the owner, at phone width, marks an incident serious from the system's Monitoring
 * tab (a field error from the API first), reads the clock and downloads the draft report as a
 * PDF (read back); the governance office, at desktop width, sees open incidents with their time
 * left and a missed deadline on the dashboard, and records the submission (a field error first).
 * axe-core finds no serious or critical violation on any screen visited.
 */
describe('serious incidents in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let office: HarnessUser;
  let owner: HarnessUser;
  let system: { id: string; path: string; name: string };
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/serious-incidents-policy.yaml') });
    office = await h.createUser(['governance_office'], { name: 'Gina Governance' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    system = await registerForApproval(h, owner, 'minimal', { name: 'Claims triage' });
    const task = await openTaskOf(h, system.id, office);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: office.token, body: { decision: 'approve' } })).status).toBe(200);
    await waitUntil(async () => ((await h.api('GET', system.path, { token: owner.token })).body.stage === 'deployment' ? true : undefined), 30_000, 'the approval');
    expect((await h.api('POST', `${system.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production' } })).status).toBe(201);
    // An older incident found late: its deadline passed before it was marked serious.
    const old = await h.api('POST', `${system.path}/monitoring-events`, { token: owner.token, body: { kind: 'incident', severity: 'high', description: 'found in last month’s log' } });
    const missed = await h.api('POST', '/api/v1/serious-incidents', {
      token: office.token,
      body: { monitoringEventId: old.body.eventId, category: 'general', awareAt: new Date(Date.now() - 16 * DAY).toISOString(), summary: 'A claim was refused by mistake and not corrected.' },
    });
    expect(missed.status).toBe(201);
    const fresh = await h.api('POST', `${system.path}/monitoring-events`, { token: owner.token, body: { kind: 'incident', severity: 'high', description: 'wrong refusal of an urgent claim' } });
    expect(fresh.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await h?.stop();
  });

  const noUnexpectedProblems = (tab: BrowserPage) => expect(tab.problems.filter((p) => !/status of (400|401)/.test(p))).toEqual([]);

  it('the owner marks an incident serious from the Monitoring tab, reads the clock and downloads the draft report', async () => {
    const tab = await openPage(browser, PHONE);
    tabs.push(tab);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/systems/${system.id}?tab=monitoring`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, owner.user.email);
    await page.getByRole('heading', { name: 'Monitoring events' }).waitFor();
    // The incident marked earlier links to its serious incident; the new one offers marking.
    await page.getByRole('link', { name: 'Serious incident: Serious incident' }).waitFor();
    await expectAccessible(page, 'the monitoring tab with incidents');
    await page.getByRole('link', { name: 'Mark as serious incident' }).click();

    await page.getByRole('heading', { name: 'Mark a serious incident', level: 1 }).waitFor();
    await page.getByText(/wrong refusal of an urgent claim/).waitFor();
    await expectAccessible(page, 'the form marking a serious incident');
    // No category chosen: the API's reason beside the categories, nothing written.
    await page.getByLabel('What happened').fill('An urgent claim of a patient was refused; treatment was delayed.');
    await page.getByRole('button', { name: 'Mark as serious and start the clock' }).click();
    await page.getByText(/category must be one of/).waitFor();
    expect((await h.dataSource.query('SELECT count(*)::int AS n FROM serious_incidents'))[0].n).toBe(1);
    await expectAccessible(page, 'the form with a field error');
    await page.getByRole('radio', { name: /^Death of a person may be involved/ }).check();
    await page.getByRole('button', { name: 'Mark as serious and start the clock' }).click();

    await page.getByRole('heading', { name: 'Serious incident: Claims triage', level: 1 }).waitFor();
    await page.getByText(/Report due /).first().waitFor();
    await page.getByText(/^9 d 23 h left$/).waitFor();
    await page.getByText('Death of a person may be involved').first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The owner may make it stricter and record the submission, not relax it.
    await page.getByRole('heading', { name: 'Record the submission' }).waitFor();
    await page.getByRole('radio', { name: /^Widespread infringement or critical infrastructure/ }).waitFor();
    expect(await page.getByRole('radio', { name: /^Serious incident/ }).count()).toBe(0);
    await expectAccessible(page, 'the serious incident with its clock');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the draft report (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^serious-incident-.*-draft\.pdf$/);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const text = (await pdfPages(Buffer.concat(chunks))).join('\n');
    expect(text).toContain('Serious incident report');
    expect(text).toContain('An urgent claim of a patient was refused');
    noUnexpectedProblems(tab);
  }, 120_000);

  it('the governance office sees open incidents and the missed deadline on the dashboard, and records the submission', async () => {
    const tab = await openPage(browser, DESKTOP);
    tabs.push(tab);
    const { page } = tab;
    await page.goto(`${h.baseUrl}/dashboard`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, office.user.email);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.locator('[data-drawn="true"]').waitFor();
    const panel = page.getByRole('region', { name: 'Serious incidents (EU AI Act Art. 73)' });
    await panel.getByText('2 open, 1 past the reporting deadline; 0 reported late in the last twelve months.').waitFor();
    const items = panel.getByRole('list', { name: 'Serious incidents to report' }).getByRole('listitem');
    expect(await items.count()).toBe(2);
    await items.first().getByText(/^Deadline missed .* ago$/).waitFor();
    await items.nth(1).getByText(/^9 d 23 h left$/).waitFor();
    await page.getByRole('link', { name: /1 Serious incident deadlines missed, of 2 open/ }).waitFor();
    await expectAccessible(page, 'the dashboard with serious incidents');

    await items.nth(1).getByRole('link', { name: 'Claims triage' }).click();
    await page.getByRole('heading', { name: 'Serious incident: Claims triage', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Record the submission' }).click();
    await page.getByText(/authority must be/).waitFor();
    await expectAccessible(page, 'the submission form with a field error');
    await page.getByLabel('Market surveillance authority').fill('Bundesnetzagentur');
    await page.getByLabel('Authority’s reference').fill('MSA-2026-0101');
    await page.getByRole('button', { name: 'Record the submission' }).click();
    await page.getByRole('heading', { name: 'Report as submitted' }).waitFor();
    await page.getByText('Reported on time').waitFor();
    await page.getByText(/Submission recorded: Bundesnetzagentur, reference MSA-2026-0101/).waitFor();
    expect(await page.getByRole('heading', { name: 'Record the submission' }).count()).toBe(0);
    await expectAccessible(page, 'the submitted serious incident');

    await page.goto(`${h.baseUrl}/serious-incidents?status=missed`);
    await page.getByRole('heading', { name: 'Serious incidents', level: 1 }).waitFor();
    const rows = page.getByRole('table', { name: 'Serious incidents' }).getByRole('row');
    await rows.nth(1).getByText(/^Deadline missed/).waitFor();
    expect(await rows.count()).toBe(2); // the header and the missed one
    await expectAccessible(page, 'the list of missed deadlines');
    noUnexpectedProblems(tab);
  }, 120_000);
});
