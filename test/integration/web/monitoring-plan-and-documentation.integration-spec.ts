import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { operatingHighRisk } from '../../support/monitoring-plan-flows';
import { pdfPages } from '../../support/pdf-text';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * The accountable owner of a high-risk system in real Chromium against the real stack: writes
 * its post-market monitoring plan on the system page (the form's and the API's problems beside
 * their fields), records the plan's metrics in a periodic review (the events since the last
 * review beside them, a breach asking for its note), then reads the documents' completeness,
 * writes a statement and downloads the PDF. axe-core on every screen; the pages fit a phone.
 */
describe('monitoring plan and documentation screens', () => {
  let h: Harness;
  let browser: Browser;
  let tab: BrowserPage;
  let owner: HarnessUser;
  let system: { id: string; path: string; name: string };

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/operations-policy.yaml') });
    owner = await h.createUser(['product_owner'], { name: 'Olivia Owner' });
    const riskOfficer = await h.createUser(['risk_officer'], { name: 'Rudi Risk' });
    system = await operatingHighRisk(h, owner, riskOfficer, 'Loan screening');
    tab = await openPage(browser, DESKTOP);
  }, 180_000);

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await h?.stop();
  });

  /** Problems the page reported, but the session probe's 401 before signing in and the API refusals a test provoked. */
  const unexpectedProblems = () => tab.problems.filter((p) => !/status of 401/.test(p));

  async function fitsWidth(width: number): Promise<void> {
    const scrollWidth = await tab.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }

  it('writes the monitoring plan, with the form’s and the API’s problems beside their fields', async () => {
    const { page } = tab;
    await page.goto(`${h.baseUrl}/systems/${system.id}?tab=monitoring`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, owner.user.email);

    await page.getByRole('heading', { name: 'Monitoring plan' }).waitFor();
    await page.getByText(/A high-risk system needs a post-market monitoring plan/).waitFor();
    await expectAccessible(page, 'the Monitoring tab with the plan missing');
    await page.getByRole('button', { name: 'Write the monitoring plan' }).click();

    const form = page.getByRole('form', { name: 'Monitoring plan' });
    await form.getByLabel('How results feed back', { exact: true }).fill('A breach opens a corrective action; two in a row propose a material change.');
    await form.getByLabel('Metric 1 name', { exact: true }).fill('Recall on confirmed cases');
    // the key follows the name until it is typed itself
    expect(await form.getByLabel('Metric 1 key', { exact: true }).inputValue()).toBe('recall_on_confirmed_cases');
    await form.getByLabel('Metric 1 key', { exact: true }).fill('recall');
    await form.getByLabel('What metric 1 measures', { exact: true }).fill('Share of confirmed cases the model flagged');
    await form.getByLabel('Metric 1 threshold', { exact: true }).fill('0,85');
    await form.getByLabel('Metric 1 unit', { exact: true }).fill('ratio');
    await form.getByLabel('Metric 1 data source', { exact: true }).fill('weekly evaluation job');
    await form.getByLabel('Metric 1 cadence', { exact: true }).fill('weekly');
    await form.getByRole('button', { name: 'Save the plan' }).click();

    await form.getByText('The threshold must be a number, e.g. 0.85.').waitFor();
    await form.getByText(/An ISO 8601 duration: P1D \(daily\)/).waitFor();
    expect(await form.getByLabel('Metric 1 threshold', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the plan form with problems');

    // The form lets PT30S through; the API refuses it (at least PT1M) and says so at the field.
    await form.getByLabel('Metric 1 threshold', { exact: true }).fill('0.85');
    await form.getByLabel('Metric 1 cadence', { exact: true }).fill('PT30S');
    await form.getByRole('button', { name: 'Save the plan' }).click();
    await form.getByText('must be at least PT1M').waitFor();
    expect(await form.getByLabel('Metric 1 cadence', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(Number((await h.dataSource.query('SELECT count(*) FROM monitoring_plans WHERE ai_system_id = $1', [system.id]))[0].count)).toBe(0);
    const refused = tab.problems.filter((p) => /status of 400/.test(p));
    expect(refused).toHaveLength(1);
    tab.problems.splice(tab.problems.indexOf(refused[0]!), 1);

    await form.getByLabel('Metric 1 cadence', { exact: true }).fill('P1W');
    await form.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('Version 1 of the monitoring plan is saved.').waitFor();
    const metrics = page.getByRole('table', { name: 'Metrics of the monitoring plan' });
    await metrics.getByText('Recall on confirmed cases').waitFor();
    await metrics.getByText('at least 0.85 ratio').waitFor();
    await metrics.getByText('every week').waitFor();
    expect((await h.dataSource.query('SELECT version, created_by_id FROM monitoring_plans WHERE ai_system_id = $1', [system.id]))).toEqual([{ version: 1, created_by_id: owner.user.id }]);
    await expectAccessible(page, 'the Monitoring tab with the plan');
    await screenshot(page, 'monitoring-plan');
    expect(unexpectedProblems()).toEqual([]);
  }, 180_000);

  it('records the plan’s metric in the periodic review, the event since the last review beside it; a breach asks for its note', async () => {
    const { page } = tab;
    const event = await h.api('POST', `${system.path}/monitoring-events`, { token: owner.token, body: { kind: 'performance', severity: 'medium', metric: 'recall', observedValue: 0.8, threshold: 0.85, source: 'eval job' } });
    expect(event.body.reviewStarted).toBe(true);
    const task = await openTaskOf(h, system.id, owner);
    await page.goto(`${h.baseUrl}/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Your review' }).waitFor();
    const checks = page.getByRole('group', { name: 'Monitoring plan version 1: metrics' });
    await checks.getByText('One monitoring event on recall since the last review').click();
    await checks.getByText(/Medium performance · recall 0\.8 \(threshold 0\.85\)/).waitFor();

    for (const item of ['Performance against the agreed metrics', 'Data and model drift', 'Bias and fairness', 'Incidents and complaints', 'Changes to data or model', 'Still used as intended']) {
      await page.getByRole('group', { name: item, exact: true }).getByRole('radio', { name: 'Pass' }).check();
    }
    await checks.getByLabel('Recall on confirmed cases: value observed', { exact: true }).fill('0.8');
    await checks.getByText('Outside the threshold (at least 0.85 ratio)').waitFor();
    expect(await checks.getByRole('radio', { name: 'Outside' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /Remediate/ }).check();
    await page.getByLabel('Title', { exact: true }).fill('Retrain on the refreshed data');
    await page.getByLabel('What has to be done, and why', { exact: true }).fill('Recall fell below its floor after the data refresh.');
    await page.getByLabel('Comment (required)', { exact: true }).fill('Recall under its floor');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await checks.getByText('Say what happened: a note is required when a metric is outside its threshold.').waitFor();
    await expectAccessible(page, 'the review form with the plan’s metric and a missing note');
    await screenshot(page, 'review-with-monitoring-plan');

    await checks.getByLabel('Recall on confirmed cases: note', { exact: true }).fill('fell after the September data refresh');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Decided: Remediate').waitFor();
    const [row] = await h.dataSource.query('SELECT monitoring_checks FROM tasks WHERE id = $1', [task.id]);
    expect(row.monitoring_checks).toMatchObject({ planVersion: 1, results: [{ key: 'recall', observedValue: 0.8, withinThreshold: false, note: 'fell after the September data refresh' }] });
    await expectAccessible(page, 'the decided review');
    expect(unexpectedProblems()).toEqual([]);
  }, 180_000);

  it('shows the documents’ completeness and what is missing, writes a statement, downloads the PDF, and fits a phone', async () => {
    const { page } = tab;
    await page.goto(`${h.baseUrl}/systems/${system.id}?tab=documentation`);
    await page.getByRole('heading', { name: 'Documentation on demand' }).waitFor();
    const annex = page.getByRole('region', { name: /Technical documentation/ });
    const status = annex.getByText(/items? missing in \d+ of 9 sections/);
    await status.waitFor();
    const before = Number(/^(\d+)/.exec((await status.textContent()) ?? '')![1]);
    await annex.getByText(/Instructions for use and user interface: Where the instructions for use/).waitFor();
    await expectAccessible(page, 'the Documentation tab');

    await page.getByRole('button', { name: 'Write: Instructions for use and user interface' }).click();
    await page.getByLabel('Instructions for use and user interface', { exact: true }).fill('Instructions for use v3 (2026-10-01), https://docs.example.test/loan-screening/ifu-v3.pdf; deployers get a web form with score explanations.');
    await page.getByRole('button', { name: 'Save the statement' }).click();
    await page.getByText(/Instructions for use v3 \(2026-10-01\)/).waitFor();
    await annex.getByText(`${before - 1} items missing in`, { exact: false }).waitFor();

    const link = annex.getByRole('link', { name: 'Technical documentation: download as PDF' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/v1/ai-systems/${system.id}/documentation/annex-iv?format=pdf`);
    // the browser's own session downloads it, as the link does
    const response = await tab.context.request.get(`${h.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    const bytes = await response.body();
    expect((await pdfPages(bytes))[0]).toContain('Loan screening');
    const [audit] = await h.dataSource.query(
      `SELECT actor_label, payload FROM audit_events WHERE stream_id = $1 AND event_type = 'documentation.exported' ORDER BY seq DESC LIMIT 1`,
      [`ai-system-documentation:${system.id}`],
    );
    expect(audit).toMatchObject({ actor_label: owner.user.email, payload: { document: 'annex_iv', format: 'pdf', sha256: response.headers()['x-document-sha256'] } });
    await screenshot(page, 'documentation-tab');

    // On a phone: nothing wider than the screen, on both tabs.
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: 'Documentation on demand' }).waitFor();
    await fitsWidth(PHONE.width);
    await expectAccessible(page, 'the Documentation tab on a phone');
    await screenshot(page, 'documentation-tab-phone', { fullPage: false });
    await page.goto(`${h.baseUrl}/systems/${system.id}?tab=monitoring`);
    await page.getByRole('table', { name: 'Metrics of the monitoring plan' }).waitFor();
    await fitsWidth(PHONE.width);
    await page.getByRole('button', { name: 'Change the plan' }).click();
    await page.getByRole('form', { name: 'Monitoring plan' }).waitFor();
    await fitsWidth(PHONE.width);
    await expectAccessible(page, 'the plan form on a phone');
    expect(unexpectedProblems()).toEqual([]);
  }, 180_000);
});
