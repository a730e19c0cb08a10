import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf, registerForApproval, registrationBody, reviewChecklist } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { pdfPages } from '../../support/pdf-text';
import { waitUntil } from '../../support/wait-until';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 800 } as const;
const DAY = 86_400_000;

/** [name, stage, tier, business unit, days in the stage, next review in days] seeded straight into PostgreSQL. */
const SEEDED: Array<[string, string, string | null, string, number, number | null]> = [
  ['Contract clause finder', 'design', null, 'Legal', 3, null],
  ['Supplier risk scoring', 'impact_assessment', null, 'Procurement', 2, null],
  ['Credit limit advisor', 'approval', 'high', 'Finance', 6, null],
  ['Churn predictor', 'deployment', 'limited', 'Marketing', 1, null],
  ['Demand forecaster', 'operation', 'minimal', 'Supply chain', 40, 60],
  ['Invoice OCR', 'operation', 'minimal', 'Finance', 90, -3],
  ['Agent assist', 'operation', 'limited', 'Customer service', 14, 20],
  ['Resume screener', 'operation', 'high', 'People', 12, 80],
  ['Legacy chatbot', 'retirement', 'limited', 'Customer service', 5, null],
  ['Old pricing model', 'retired', 'minimal', 'Finance', 120, null],
];

/**
 * The governance office in the browser, on the real stack (test/fixtures/policies/dashboard-policy.yaml):
 * a member signs in from the emailed link and reads the dashboard, whose counts are those of the
 * systems this test registered through the API and seeded in SQL; the owner decides the periodic
 * review a critical monitoring event started, and after a reload the dashboard counts it so; the
 * inventory filters, sorts and exports what it shows; the stage report downloads as a PDF whose
 * text is read back. ECharts draws under the strict CSP (no console error, hovering a chart
 * included); axe passes on every screen.
 */
describe('governance office dashboard, inventory and reports', () => {
  let h: Harness;
  let browser: Browser;
  let tab: BrowserPage;
  let office: HarnessUser;
  let owner: HarnessUser;
  let approver: HarnessUser;
  let claims: { id: string; path: string; name: string };

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/dashboard-policy.yaml') });
    office = await h.createUser(['governance_office'], { name: 'Gina Governance' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    approver = await h.createUser(['approver'], { name: 'Ada Approver' });
    const riskOfficer = await h.createUser(['risk_officer'], { name: 'Rita Risk' });

    // Through the workflows: one system in operation, one waiting for approval, one in design.
    claims = await registerForApproval(h, owner, 'minimal', { name: 'Claims triage' });
    const task = await openTaskOf(h, claims.id, approver);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve' } })).status).toBe(200);
    await waitUntil(async () => ((await h.api('GET', claims.path, { token: owner.token })).body.stage === 'deployment' ? true : undefined), 30_000, 'the approval');
    expect((await h.api('POST', `${claims.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production' } })).status).toBe(201);
    await registerForApproval(h, owner, 'limited', { name: 'Fraud signals' });
    const intranet = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Intranet search'), businessUnit: 'Workplace' } });
    expect(intranet.status).toBe(201);

    await seedHistory(h, owner);
    for (const [likelihood, impact, residual] of [
      ['likely', 'major', ['possible', 'moderate']],
      ['possible', 'moderate', ['unlikely', 'minor']],
      ['almost_certain', 'severe', ['likely', 'major']],
    ] as const) {
      const risk = await h.api('POST', '/api/v1/risks', {
        token: riskOfficer.token,
        body: {
          title: `Risk ${likelihood} ${impact}`,
          description: 'Seeded for the dashboard',
          source: 'ai',
          threat: 'model error',
          aiSystemIds: [claims.id],
          assets: ['decisions'],
          affectedParties: ['customers'],
          ownerId: riskOfficer.user.id,
          inherentLikelihood: likelihood,
          inherentImpact: impact,
          residualLikelihood: residual[0],
          residualImpact: residual[1],
        },
      });
      expect(risk.status).toBe(201);
    }
    tab = await openPage(browser, DESKTOP);
  }, 180_000);

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await h?.stop();
  });

  /** Problems the page reported, but the session probe's expected 401 before signing in. */
  const unexpectedProblems = () => tab.problems.filter((p) => !/status of 401/.test(p));

  /** The number on a headline tile or count link, found by its accessible name. */
  async function figure(page: Page, name: RegExp): Promise<number> {
    const text = await page.getByRole('link', { name }).first().textContent();
    return Number(/(\d[\d,]*)/.exec(text ?? '')![1].replace(/,/g, ''));
  }

  async function openDashboard(page: Page): Promise<void> {
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.locator('[data-drawn="true"]').waitFor();
  }

  it('shows the dashboard with the counts of the systems created, and counts a decided review after a reload', async () => {
    const { page } = tab;
    await page.goto(`${h.baseUrl}/dashboard`);
    await page.waitForURL(/\/sign-in\?returnTo=%2Fdashboard/);
    await signInFromEmail(h, page, office.user.email);
    await openDashboard(page);
    expect(await page.evaluate(() => (globalThis as unknown as { performance: { getEntriesByName(name: string): unknown[] } }).performance.getEntriesByName('aigov:dashboard-drawn').length)).toBe(1);

    // 3 through the API and 10 seeded: design 2, impact assessment 1, approval 2, deployment 1, operation 5, retirement 1, retired 1
    expect(await figure(page, /AI systems$/)).toBe(13);
    const stages = { Design: 2, 'Impact assessment': 1, Approval: 2, Deployment: 1, Operation: 5, 'Periodic review': 0, Retirement: 1, Retired: 1, Rejected: 0 };
    for (const [stage, count] of Object.entries(stages)) expect({ stage, count: await figure(page, new RegExp(`^${stage} \\d+$`)) }).toEqual({ stage, count });
    expect(await figure(page, /^Not assessed \d+$/)).toBe(3);
    expect(await figure(page, /^Minimal \d+$/)).toBe(4);
    // the seeded Invoice OCR is past its review date
    expect(await figure(page, /Periodic reviews overdue/)).toBe(1);
    await expectAccessible(page, 'the dashboard');

    // The charts draw under the strict CSP, tooltips included.
    const canvas = page.locator('.chart canvas').first();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await framesDrawn(page);
    expect(unexpectedProblems()).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, 'dashboard');

    // A critical incident starts Claims triage's periodic review, due a second later.
    const event = await h.api('POST', `${claims.path}/monitoring-events`, { token: owner.token, body: { kind: 'incident', severity: 'critical', description: 'Wrong priority for urgent claims' } });
    expect(event.body).toMatchObject({ reviewStarted: true, stage: 'periodic_review' });
    const review = await openTaskOf(h, claims.id, owner);
    await waitUntil(async () => ((await h.dataSource.query(`SELECT 1 FROM tasks WHERE id = $1 AND due_at < now()`, [review.id])).length ? true : undefined), 10_000, 'the review to be overdue');
    await page.reload();
    await openDashboard(page);
    expect(await figure(page, /^Periodic review \d+$/)).toBe(1);
    expect(await figure(page, /^Operation \d+$/)).toBe(4);
    expect(await figure(page, /Periodic reviews overdue/)).toBe(2);
    expect(await page.getByText(/Review tasks overdue, of 1 open/).count()).toBe(1);

    // The owner, who holds the review, decides it; the reloaded dashboard counts it.
    const decided = await h.api('POST', `/api/v1/tasks/${review.id}/decision`, { token: owner.token, body: { decision: 'continue', comment: 'Priority rules fixed', checklist: reviewChecklist() } });
    expect(decided.status).toBe(200);
    await page.reload();
    await openDashboard(page);
    expect(await figure(page, /^Periodic review \d+$/)).toBe(0);
    expect(await figure(page, /^Operation \d+$/)).toBe(5);
    expect(await figure(page, /Periodic reviews overdue/)).toBe(1);
    expect(await page.getByText(/Review tasks overdue, of 0 open/).count()).toBe(1);
    // the incident is this week's critical event in the chart's table
    const thisWeek = page.getByRole('table', { name: /Monitoring events by severity/ }).getByRole('row').last();
    expect(await thisWeek.getByRole('cell').nth(3).textContent()).toBe('1');

    // On a phone the dashboard stacks; nothing is wider than the screen.
    await page.setViewportSize(PHONE);
    await openDashboard(page);
    await framesDrawn(page);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'the dashboard on a phone');
    await screenshot(page, 'dashboard-phone');
    await page.setViewportSize(DESKTOP);
    expect(unexpectedProblems()).toEqual([]);
  }, 120_000);

  it('opens the inventory from a count, filters, sorts and exports what it shows', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: /Periodic reviews overdue/ }).click();
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe('?reviewOverdue=true');
    await page.getByText('One AI system matches these filters.').waitFor();
    expect(await rowNames(page)).toEqual(['Invoice OCR']);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByText('13 AI systems.').waitFor();

    await page.getByLabel('Stage', { exact: true }).selectOption('operation');
    await page.getByText('5 AI systems match these filters.').waitFor();
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL(/sort=name/);
    await waitUntil(async () => ((await rowNames(page))[0] === 'Agent assist' ? true : undefined), 5_000, 'sorted by name');
    expect(await rowNames(page)).toEqual(['Agent assist', 'Claims triage', 'Demand forecaster', 'Invoice OCR', 'Resume screener']);
    expect(await page.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL(/order=desc/);
    await waitUntil(async () => ((await rowNames(page))[0] === 'Resume screener' ? true : undefined), 5_000, 'sorted by name, descending');
    expect(await page.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('descending');

    await page.getByLabel('Risk tier', { exact: true }).selectOption('minimal');
    await page.getByText('3 AI systems match these filters.').waitFor();
    await page.getByLabel('Search name and purpose').fill('invoice');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('One AI system matches these filters.').waitFor();
    expect(await rowNames(page)).toEqual(['Invoice OCR']);
    await page.getByLabel('Search name and purpose').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('3 AI systems match these filters.').waitFor();
    await expectAccessible(page, 'the inventory');
    await screenshot(page, 'inventory');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ai-systems-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parse(readFileSync((await download.path())!)) as string[][];
    expect(rows.map((r) => r[header.indexOf('name')])).toEqual(['Invoice OCR', 'Demand forecaster', 'Claims triage']);
    expect(new Set(rows.map((r) => r[header.indexOf('stage')]))).toEqual(new Set(['operation']));

    // Two filters chosen in quick succession both count.
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByText('13 AI systems.').waitFor();
    await page.getByLabel('Risk tier', { exact: true }).selectOption('high');
    await page.getByLabel('Stage', { exact: true }).selectOption('approval');
    await page.getByText('One AI system matches these filters.').waitFor();
    expect(await rowNames(page)).toEqual(['Credit limit advisor']);
    expect(new URL(page.url()).searchParams.get('riskTier')).toBe('high');

    // A stage on the dashboard opens the inventory filtered to it.
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await openDashboard(page);
    await page.getByRole('link', { name: /^Approval \d+$/ }).click();
    await page.getByText('2 AI systems match these filters.').waitFor();
    expect((await rowNames(page)).sort()).toEqual(['Credit limit advisor', 'Fraud signals']);
    expect(unexpectedProblems()).toEqual([]);
  }, 60_000);

  it('downloads the stage report as a PDF whose text holds the counts', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Reports' }).first().click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByRole('table', { name: /AI systems per lifecycle stage/ }).waitFor();
    await expectAccessible(page, 'the reports page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the stage report (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lifecycle-stages-\d{4}-\d{2}-\d{2}\.pdf$/);
    const [text] = await pdfPages(readFileSync((await download.path())!));
    expect(text).toContain('AI systems by lifecycle stage');
    expect(text).toMatch(/AI systems\s+13/);
    expect(text).toMatch(/Periodic reviews overdue\s+1/);
    // stage, systems, minimal, limited, high, prohibited, not assessed
    expect(text).toMatch(/Operation\s+5\s+3\s+1\s+1\s+0\s+0\s/);
    expect(text).toMatch(/Approval\s+2\s+0\s+1\s+1\s+0\s+0\s/);
    expect(unexpectedProblems()).toEqual([]);
  }, 60_000);
});

/** The names in the inventory table's rows, top to bottom. */
async function rowNames(page: Page): Promise<string[]> {
  return page.locator('.inventory__table tbody th').allTextContents();
}

/**
 * Ten systems across the lifecycle with what they went through, straight into PostgreSQL, so
 * the charts have months and weeks to show: stage transitions with approval lead times of 2 to
 * 14 days, a rollback, monitoring events over twelve weeks, PDCA items of every age and a daily
 * control-health snapshot.
 */
async function seedHistory(h: Harness, owner: HarnessUser): Promise<void> {
  const db = h.dataSource;
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);
  const ids = new Map<string, string>();
  for (const [name, stage, tier, unit, days, review] of SEEDED) {
    const id = randomUUID();
    ids.set(name, id);
    await db.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories, personal_data, special_category_data,
         model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level, stage, risk_tier, stage_entered_at, next_review_at, created_by_id, workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, 'decision support', $4, $5, '["warehouse"]', '["operational data"]', false, false, 'gradient boosted trees', 'in_house', 'internal', '["staff"]',
         'human_in_the_loop', $6, $7, $8, $9, $4, $10, $11, $11)`,
      [id, name, `Seeded: ${name}`, owner.user.id, unit, stage, tier, ago(days), review === null ? null : ago(-review), `seeded:${id}`, ago(days + 20)],
    );
  }
  const transitions = async (name: string, steps: Array<[string | null, string, string, number]>) => {
    let seq = 1;
    for (const [from, to, action, days] of steps) {
      await db.query(`INSERT INTO stage_transitions (ai_system_id, seq, from_stage, to_stage, action, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [ids.get(name), seq++, from, to, action, ago(days)]);
    }
  };
  const toOperation = (entered: number, lead: number): Array<[string | null, string, string, number]> => [
    [null, 'design', 'register', entered + lead + 12],
    ['design', 'impact_assessment', 'submit_for_assessment', entered + lead + 6],
    ['impact_assessment', 'approval', 'assessment_completed', entered + lead + 5],
    ['approval', 'deployment', 'approval_granted', entered + 5],
    ['deployment', 'operation', 'deploy', entered],
  ];
  await transitions('Demand forecaster', toOperation(40, 9));
  await transitions('Invoice OCR', toOperation(90, 14));
  await transitions('Resume screener', toOperation(12, 2));
  await transitions('Agent assist', [...toOperation(60, 5), ['operation', 'rollback', 'rollback', 16], ['rollback', 'operation', 'deploy', 14]]);
  await transitions('Credit limit advisor', [
    [null, 'design', 'register', 20],
    ['design', 'impact_assessment', 'submit_for_assessment', 10],
    ['impact_assessment', 'approval', 'assessment_completed', 6],
  ]);
  for (let week = 0; week < 12; week++) {
    for (let i = 0; i < ((week * 7) % 5) + 1; i++) {
      const severity = ['low', 'medium', 'low', 'high'][(week + i) % 4];
      await db.query(`INSERT INTO monitoring_events (id, ai_system_id, kind, severity, occurred_at) VALUES ($1, $2, 'drift', $3, $4)`, [
        randomUUID(),
        ids.get(i % 2 ? 'Demand forecaster' : 'Agent assist'),
        severity,
        ago(week * 7 + 2 + i),
      ]);
    }
  }
  for (const [created, due, phase] of [[5, -10, 'plan'], [20, 3, 'do'], [40, 5, 'do'], [75, -20, 'check'], [120, 30, 'plan'], [200, 150, 'plan'], [30, 20, 'closed']] as const) {
    await db.query(
      `INSERT INTO pdca_items (id, kind, title, description, phase, source_type, workflow_id, ai_system_id, created_at, updated_at, due_at)
       VALUES ($1, $2, 'Seeded item', 'seeded', $3, 'ai_system', $4, $5, $6, $6, $7)`,
      [randomUUID(), created % 2 ? 'nonconformity' : 'corrective_action', phase, `seeded-pdca:${randomUUID()}`, ids.get('Invoice OCR'), ago(created), ago(due)],
    );
  }
  await db.query(
    `INSERT INTO control_health_snapshots (day, taken_at, systems, totals, by_framework, controls, soa_version, evidence_map_revision)
     VALUES ($1, $2, 13, $3, '{}', '{}', NULL, 1) ON CONFLICT (day) DO NOTHING`,
    [ago(1).toISOString().slice(0, 10), ago(1), { effective: 41, attention: 9, no_evidence: 12, not_applicable: 6 }],
  );
}

/** Two animation frames have passed: the charts have drawn what the last event asked for (a tooltip, a resize); nothing is waited for by the clock. */
function framesDrawn(page: Page): Promise<void> {
  return page.evaluate(() => {
    const frame = (cb: () => void) => (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(cb);
    return new Promise<void>((resolve) => frame(() => frame(() => resolve())));
  });
}
