import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import type { MailCapture } from '@aigov/notifications/mail-capture.server';
import type { BenchContext, Metric, ScenarioResult } from './bench-types';
import { percentile, round } from './stats-lite';

/** What the dashboard sets once its figures are in and every chart has drawn (apps/web/src/features/dashboard/DashboardPage.tsx). */
const DRAWN_MARK = 'aigov:dashboard-drawn';
const FIRST_PAGE_TARGET_KIB = 300;
const DRAWN_TARGET_MS = 1500;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/**
 * The JavaScript a route loads before it renders, from Vite's manifest: the chunk and what it
 * imports statically (dynamic imports, the lazy screens, load only when visited), gzipped one
 * file at a time at gzip's default level, as a server would send them. `skip` leaves out what
 * is already loaded.
 */
export function staticClosure(manifest: Record<string, ManifestChunk>, key: string, skip: ReadonlySet<string> = new Set()): string[] {
  const files = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || skip.has(chunk.file) || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return [...files];
}

function gzippedKiB(webDir: string, files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(webDir, file))).length, 0) / 1024;
}

/** Reads the bundle sizes from dist/web's manifest (written by `npm run build`). */
function bundleSizes(webDir: string): { firstPageKiB: number; firstPageFiles: number; dashboardKiB: number; dashboardFiles: number } {
  const manifestFile = path.join(webDir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no Vite manifest at ${manifestFile}: run npm run build (apps/web/vite.config.mts writes it)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('the Vite manifest names no entry chunk');
  const first = staticClosure(manifest, entry);
  const dashboardKey = Object.keys(manifest).find((k) => k.endsWith('features/dashboard/DashboardPage.tsx'));
  if (!dashboardKey) throw new Error('the Vite manifest has no dashboard chunk');
  const dashboard = staticClosure(manifest, dashboardKey, new Set(first));
  return { firstPageKiB: gzippedKiB(webDir, first), firstPageFiles: first.length, dashboardKiB: gzippedKiB(webDir, dashboard), dashboardFiles: dashboard.length };
}

/**
 * An inventory of `systems` AI systems with what the dashboard reads, straight into PostgreSQL:
 * every stage (half in operation), tiers, a path of stage transitions per system over the last
 * year with approval lead times of 1 to 20 days and rollbacks, open and decided approval and
 * review tasks (some overdue), monitoring events over the last four months, PDCA items of every
 * age and phase, a control-health snapshot; and risks through the API.
 */
export async function seed(ctx: BenchContext, systems: number, riskOwnerId: string): Promise<{ seconds: number; counts: Array<{ t: string; n: number }> }> {
  const db = ctx.dataSource;
  const started = performance.now();
  const [owner] = await db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
  const stages = `ARRAY[${LIFECYCLE_STAGES.map((s) => `'${s}'`).join(',')}]`;
  // g % 20: 0-9 and 19 operation, then one stage each for the others
  const stageOf = `CASE WHEN g % 20 < 10 OR g % 20 = 19 THEN 'operation' ELSE (${stages})[1 + (g % 20 - 10)] END`;
  for (let from = 1; from <= systems; from += 20_000) {
    const to = Math.min(systems, from + 19_999);
    await db.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories,
         personal_data, special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level,
         stage, risk_tier, stage_entered_at, next_review_at, created_by_id, workflow_id, created_at, updated_at)
       SELECT gen_random_uuid(), 'bench-dashboard-' || g, 'Seeded for the dashboard benchmark ' || g, 'benchmark', $1, 'unit ' || (g % 40),
         '["seed"]', '["seed"]', g % 3 = 0, false, 'model', 'in_house', 'benchmark', '["nobody"]', 'human_in_the_loop',
         s.stage, CASE WHEN s.stage IN ('design', 'impact_assessment') THEN NULL ELSE (ARRAY['minimal','limited','high'])[1 + g % 3] END,
         now() - (g % 300) * interval '1 day' - (g % 24) * interval '1 hour',
         CASE WHEN s.stage = 'operation' THEN now() + ((g % 200) - 15) * interval '1 day' END, $1, 'bench-dashboard:' || g,
         now() - (g % 365 + 30) * interval '1 day', now()
       FROM generate_series($2::int, $3::int) AS g CROSS JOIN LATERAL (SELECT ${stageOf} AS stage) s`,
      [owner.id, from, to],
    );
  }
  await db.query(`DROP TABLE IF EXISTS bench_dashboard_ids`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_dashboard_ids AS
       SELECT id, stage, stage_entered_at, (row_number() OVER (ORDER BY created_at, id))::int AS g FROM ai_systems WHERE name LIKE 'bench-dashboard-%'`,
  );
  const o = [owner.id];
  const statements: string[] = [
    // every system registered; those past approval went design -> impact -> approval -> deployment -> operation,
    // the approval taking 1-20 days; a few were sent back for changes first
    `INSERT INTO stage_transitions (ai_system_id, seq, from_stage, to_stage, action, occurred_at)
     SELECT s.id, 1, NULL, 'design', 'register', s.stage_entered_at - (s.g % 20 + 40) * interval '1 day' FROM bench_dashboard_ids s`,
    `INSERT INTO stage_transitions (ai_system_id, seq, from_stage, to_stage, action, occurred_at)
     SELECT s.id, v.seq, v.from_stage, v.to_stage, v.action, s.stage_entered_at - v.days * interval '1 day'
       FROM bench_dashboard_ids s CROSS JOIN LATERAL (VALUES
         (3, 'design', 'impact_assessment', 'submit_for_assessment', s.g % 20 + 30),
         (5, 'impact_assessment', 'approval', 'assessment_completed', s.g % 20 + 28),
         (7, 'approval', CASE WHEN s.g % 17 = 0 THEN 'design' ELSE 'deployment' END, CASE WHEN s.g % 17 = 0 THEN 'approval_changes_requested' ELSE 'approval_granted' END, 27),
         (9, 'deployment', 'operation', 'deploy', 20)) AS v(seq, from_stage, to_stage, action, days)
      WHERE s.stage IN ('operation', 'periodic_review', 'rollback', 'retirement', 'retired')`,
    `INSERT INTO stage_transitions (ai_system_id, seq, from_stage, to_stage, action, occurred_at)
     SELECT s.id, 11, 'operation', s.stage, CASE s.stage WHEN 'periodic_review' THEN 'review_due' WHEN 'rollback' THEN 'rollback' ELSE 'retire' END, s.stage_entered_at
       FROM bench_dashboard_ids s WHERE s.stage IN ('periodic_review', 'rollback', 'retirement')`,
    // approval tasks: two decided per deployed system, one open per system in approval (every other one overdue)
    `INSERT INTO tasks (id, kind, workflow_id, round, step_index, assignee_id, status, title, created_at, subject_kind, subject_id, ai_system_id, decision, decided_by_id, decided_at)
     SELECT gen_random_uuid(), 'approval', 'bench-dashboard:' || s.g, 1, 0, $1, 'decided', 'Approve', s.stage_entered_at - interval '28 days', 'ai_system', s.id, s.id, 'approve', $1, s.stage_entered_at - interval '27 days'
       FROM bench_dashboard_ids s CROSS JOIN generate_series(1, 2) WHERE s.stage IN ('operation', 'periodic_review', 'rollback', 'retirement', 'retired')`,
    `INSERT INTO tasks (id, kind, workflow_id, round, step_index, assignee_id, status, title, created_at, due_at, subject_kind, subject_id, ai_system_id)
     SELECT gen_random_uuid(), 'approval', 'bench-dashboard:' || s.g, 1, 0, $1, 'open', 'Approve', s.stage_entered_at, now() + ((s.g % 2) * 2 - 1) * interval '3 days', 'ai_system', s.id, s.id
       FROM bench_dashboard_ids s WHERE s.stage = 'approval'`,
    // review tasks: open for systems in periodic review (every other one overdue), decided for a third of those in operation
    `INSERT INTO tasks (id, kind, workflow_id, round, assignee_id, status, title, created_at, due_at, subject_kind, subject_id, ai_system_id)
     SELECT gen_random_uuid(), 'review', 'bench-dashboard:' || s.g, 1, $1, 'open', 'Review', s.stage_entered_at, now() + ((s.g % 2) * 2 - 1) * interval '5 days', 'ai_system', s.id, s.id
       FROM bench_dashboard_ids s WHERE s.stage = 'periodic_review'`,
    `INSERT INTO tasks (id, kind, workflow_id, round, assignee_id, status, title, created_at, subject_kind, subject_id, ai_system_id, decision, decided_by_id, decided_at)
     SELECT gen_random_uuid(), 'review', 'bench-dashboard:' || s.g, 1, $1, 'decided', 'Review', now() - (s.g % 100 + 2) * interval '1 day', 'ai_system', s.id, s.id, 'continue', $1, now() - (s.g % 100) * interval '1 day'
       FROM bench_dashboard_ids s WHERE s.stage = 'operation' AND s.g % 3 = 0`,
  ];
  const plain: string[] = [
    // monitoring events: three for every fourth system over the last 120 days
    `INSERT INTO monitoring_events (id, ai_system_id, kind, severity, metric, occurred_at, received_at)
     SELECT gen_random_uuid(), s.id, (ARRAY['drift','bias','performance','incident'])[1 + (s.g + v) % 4], (ARRAY['low','low','medium','high','critical'])[1 + (s.g + v) % 5],
            'metric ' || v, now() - ((s.g * 7 + v * 13) % 120) * interval '1 day', now()
       FROM bench_dashboard_ids s CROSS JOIN generate_series(1, 3) v WHERE s.g % 4 = 0`,
    // PDCA items: one for every tenth system, every kind and phase, raised up to a year ago, a third past due
    `INSERT INTO pdca_items (id, kind, title, description, phase, source_type, workflow_id, owner_id, ai_system_id, created_at, updated_at, due_at)
     SELECT gen_random_uuid(), (ARRAY['nonconformity','corrective_action','improvement'])[1 + (s.g / 10) % 3], 'bench item ' || s.g, 'seeded',
            (ARRAY['plan','do','check','closed'])[1 + (s.g / 10) % 4], 'ai_system', 'bench-dashboard-pdca:' || s.g, $1, s.id,
            now() - (s.g % 365) * interval '1 day', now(), now() + ((s.g % 90) - 30) * interval '1 day'
       FROM bench_dashboard_ids s WHERE s.g % 10 = 0`,
    `INSERT INTO control_health_snapshots (day, taken_at, systems, totals, by_framework, controls, soa_version, evidence_map_revision)
     VALUES (current_date - 1, now() - interval '1 day', ${systems}, '{"effective": 61, "attention": 14, "no_evidence": 11, "not_applicable": 6}', '{}', '{}', NULL, 1)
     ON CONFLICT (day) DO NOTHING`,
  ];
  for (const sql of [...statements, ...plain]) await db.query(sql, sql.includes('$1') ? o : []);
  const [subject] = await db.query(`SELECT id FROM bench_dashboard_ids ORDER BY g LIMIT 1`);
  await db.query(`DROP TABLE bench_dashboard_ids`);
  // risks through the API, rated over the matrix
  const levels = { likelihood: ['rare', 'unlikely', 'possible', 'likely', 'almost_certain'], impact: ['negligible', 'minor', 'moderate', 'major', 'severe'] };
  for (let i = 0; i < 40; i++) {
    const response = await fetch(`${ctx.baseUrl}/api/v1/risks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Bench risk ${i}`,
        description: 'Seeded for the dashboard benchmark',
        source: 'ai',
        threat: 'model error',
        aiSystemIds: [subject.id],
        assets: ['decisions'],
        affectedParties: ['customers'],
        ownerId: riskOwnerId,
        inherentLikelihood: levels.likelihood[i % 5],
        inherentImpact: levels.impact[(i * 3) % 5],
      }),
    });
    if (response.status !== 201) throw new Error(`creating a risk: ${response.status} ${await response.text()}`);
  }
  for (const table of ['ai_systems', 'stage_transitions', 'tasks', 'monitoring_events', 'pdca_items', 'risks']) await db.query(`ANALYZE ${table}`);
  const counts: Array<{ t: string; n: number }> = await db.query(
    `SELECT t, n::int FROM (VALUES ('ai_systems', (SELECT count(*) FROM ai_systems)), ('stage_transitions', (SELECT count(*) FROM stage_transitions)),
       ('tasks', (SELECT count(*) FROM tasks)), ('monitoring_events', (SELECT count(*) FROM monitoring_events)), ('pdca_items', (SELECT count(*) FROM pdca_items)),
       ('risks', (SELECT count(*) FROM risks))) v(t, n)`,
  );
  return { seconds: (performance.now() - started) / 1000, counts };
}

/** A session cookie for `email`, the way a person gets one: the emailed link, then its button (POST). */
async function signIn(ctx: BenchContext, mail: MailCapture, email: string): Promise<{ name: string; value: string }> {
  const to = email.toLowerCase();
  const links = () => mail.messages().filter((m) => m.to.includes(to) && /\/auth\/sign-in\//.test(m.text));
  const before = links().length;
  const asked = await fetch(`${ctx.baseUrl}/api/v1/auth/sign-in-links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, returnTo: '/dashboard' }) });
  if (asked.status !== 202) throw new Error(`asking for a sign-in link: ${asked.status}`);
  const deadline = Date.now() + 15_000;
  while (links().length <= before) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const path = /\/auth\/sign-in\/[^\s?]+/.exec(links().at(-1)!.text)?.[0];
  if (!path) throw new Error('no sign-in link in the mail');
  const link = `${ctx.baseUrl}${path}`;
  const signedIn = await fetch(link, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  const cookie = /aigov_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
  if (signedIn.status !== 303 || !cookie) throw new Error(`signing in: ${signedIn.status}, no session cookie`);
  return { name: 'aigov_session', value: cookie };
}

/** The ms from navigation start to the dashboard's drawn mark, in a fresh browser context (cold cache) or again in the same one (warm). */
async function drawRuns(browser: Browser, baseUrl: string, cookie: { name: string; value: string }, runs: number): Promise<{ cold: number[]; warm: number[]; inbox: number[]; problems: string[]; breakdown: Array<Record<string, number>>; cpu: Array<{ thread: number; script: number; layout: number; compile: number }> }> {
  const cold: number[] = [];
  const warm: number[] = [];
  const inbox: number[] = [];
  const problems: string[] = [];
  const breakdown: Array<Record<string, number>> = [];
  const cpu: Array<{ thread: number; script: number; layout: number; compile: number }> = [];
  const drawnAt = async (page: import('playwright-core').Page) => {
    await page.waitForSelector('[data-drawn="true"]', { timeout: 60_000 });
    return page.evaluate((mark) => (globalThis as unknown as { performance: { getEntriesByName(n: string): Array<{ startTime: number }> } }).performance.getEntriesByName(mark)[0].startTime, DRAWN_MARK);
  };
  /** When each step of the first load ended (ms from navigation start), to say where the time goes. */
  const steps = (page: import('playwright-core').Page) =>
    page.evaluate(() => {
      const perf = (globalThis as unknown as { performance: { getEntriesByType(t: string): Array<{ name: string; responseEnd: number; startTime: number }> } }).performance;
      const end = (pattern: RegExp) => perf.getEntriesByType('resource').find((e) => pattern.test(e.name))?.responseEnd ?? NaN;
      const [navigation] = perf.getEntriesByType('navigation') as unknown as Array<{ responseEnd: number; domContentLoadedEventEnd: number }>;
      return {
        html: navigation.responseEnd,
        entryScript: end(/\/assets\/index-[\w-]+\.js$/),
        domContentLoaded: navigation.domContentLoadedEventEnd,
        sessionAnswered: end(/\/api\/v1\/auth\/session$/),
        dashboardChunk: end(/\/assets\/DashboardPage-[\w-]+\.js$/),
        dataAnswered: end(/\/api\/v1\/reports\/dashboard$/),
        dataRendered: (perf as unknown as { getEntriesByName(n: string): Array<{ startTime: number }> }).getEntriesByName('aigov:dashboard-data')[0]?.startTime ?? NaN,
      };
    });
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await context.addCookies([{ ...cookie, url: baseUrl }]);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    // CPU time of the page's main thread (thread ticks, not wall time), which the machine's load barely changes
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(`${baseUrl}/dashboard`);
    const first = await drawnAt(page);
    const firstSteps = await steps(page);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    await page.goto(`${baseUrl}/dashboard`);
    const again = await drawnAt(page);
    // the baseline: the inbox, the shell with one small query, in the same warm context
    await page.goto(`${baseUrl}/inbox`);
    await page.waitForSelector('text=Nothing is waiting for you', { timeout: 60_000 });
    const inboxAt = await page.evaluate(() => (globalThis as unknown as { performance: { now(): number } }).performance.now());
    await context.close();
    if (i === 0) continue; // the first run warms the API, PostgreSQL and the browser binary
    cold.push(first);
    breakdown.push(firstSteps);
    cpu.push({ thread: metric('ThreadTime'), script: metric('ScriptDuration'), layout: metric('LayoutDuration') + metric('RecalcStyleDuration'), compile: metric('V8CompileDuration') });
    warm.push(again);
    inbox.push(inboxAt);
  }
  return { cold, warm, inbox, problems, breakdown, cpu };
}

/**
 * The governance office's dashboard at scale, in Chromium: the first page's JavaScript from
 * Vite's manifest, then `systems` systems seeded in SQL and the dashboard opened signed in, in a
 * fresh browser context each run, timed from navigation start to the mark the page sets once the
 * figures are in and every chart has drawn; next to the inbox (the shell and one small query) and
 * the dashboard's API answer alone.
 */
export async function runWebDashboard(
  ctx: BenchContext & { mail: MailCapture; webDir: string; chromiumPath: string },
  opts: { systems: number; runs: number; apiRequests: number },
): Promise<ScenarioResult> {
  const sizes = bundleSizes(ctx.webDir);
  ctx.log(`web dashboard: first page ${round(sizes.firstPageKiB, 1)} KiB gzipped; seeding ${opts.systems} systems`);
  const [{ n: existing }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ai_systems`);
  const [office] = await ctx.dataSource.query(`SELECT id, email FROM users WHERE 'governance_office' = ANY(roles) AND active ORDER BY created_at LIMIT 1`);
  const seeded = await seed(ctx, opts.systems, office.id);
  ctx.log(`seeded in ${round(seeded.seconds, 1)} s: ${seeded.counts.map((c) => `${c.t} ${c.n}`).join(', ')}`);
  const cookie = await signIn(ctx, ctx.mail, office.email);

  const api: number[] = [];
  for (let i = 0; i < opts.apiRequests + 3; i++) {
    const t0 = performance.now();
    const response = await fetch(`${ctx.baseUrl}/api/v1/reports/dashboard`, { headers: { authorization: `Bearer ${ctx.token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /reports/dashboard: ${response.status}`);
    if (i >= 3) api.push(performance.now() - t0);
  }

  const loadBefore = os.loadavg()[0];
  const browser = await chromium.launch({ executablePath: ctx.chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  let runs: Awaited<ReturnType<typeof drawRuns>>;
  try {
    runs = await drawRuns(browser, ctx.baseUrl, cookie, opts.runs);
  } finally {
    await browser.close();
  }
  const loadAfter = os.loadavg()[0];
  const p = (values: number[], q: number) => round(percentile(values, q), 1);
  const inboxP50 = p(runs.inbox, 50);
  const metrics: Metric[] = [
    {
      name: `first page JavaScript, gzipped (entry and ${sizes.firstPageFiles - 1} static imports)`,
      value: round(sizes.firstPageKiB, 1),
      unit: 'KiB',
      target: `< ${FIRST_PAGE_TARGET_KIB} KiB`,
      met: sizes.firstPageKiB < FIRST_PAGE_TARGET_KIB,
    },
    { name: `dashboard chunk and its own imports, gzipped (${sizes.dashboardFiles} files, ECharts included)`, value: round(sizes.dashboardKiB, 1), unit: 'KiB' },
    {
      name: `dashboard drawn after navigation at ${opts.systems + existing} systems, fresh context, p50`,
      value: p(runs.cold, 50),
      unit: 'ms',
      baseline: { name: 'inbox rendered, same session, p50', value: inboxP50, unit: 'ms' },
      ratio: round(p(runs.cold, 50) / inboxP50),
    },
    {
      name: `dashboard drawn after navigation at ${opts.systems + existing} systems, fresh context, p95`,
      value: p(runs.cold, 95),
      unit: 'ms',
      target: `p95 < ${DRAWN_TARGET_MS} ms`,
      met: p(runs.cold, 95) < DRAWN_TARGET_MS,
    },
    {
      name: 'CPU time of the page’s main thread until drawn, fresh context, p50 (script, style and layout, compile in the notes)',
      value: p(runs.cpu.map((c) => c.thread), 50),
      unit: 'ms',
    },
    { name: 'dashboard drawn after a reload (warm cache), p50 / p95', value: p(runs.warm, 50), unit: `ms / ${p(runs.warm, 95)} ms` },
    { name: 'GET /reports/dashboard alone over HTTP, p50', value: p(api, 50), unit: 'ms' },
    { name: 'GET /reports/dashboard alone over HTTP, p95', value: p(api, 95), unit: 'ms' },
    { name: 'console errors in the page (CSP violations included)', value: runs.problems.length, unit: 'errors' },
  ];
  return {
    scenario: 'web dashboard',
    metrics,
    notes: [
      `${opts.runs} navigations to /dashboard in Chromium (1280x800), each in a fresh browser context with the session cookie from an emailed sign-in link (cold HTTP cache), after one warm-up; the time is the dashboard's performance mark ${DRAWN_MARK} (set once GET /reports/dashboard has answered and all six charts have drawn), counted from navigation start: the HTML, the JavaScript, the session probe, the dashboard's chunk with ECharts, the API answer and the drawing`,
      `where the time goes, fresh context, p50 ms from navigation start: ${Object.keys(runs.breakdown[0] ?? {})
        .map((step) => `${step} ${p(runs.breakdown.map((b) => b[step]).filter(Number.isFinite), 50)}`)
        .join(', ')}, drawn ${p(runs.cold, 50)}`,
      `main-thread CPU until drawn, p50 ms: all ${p(runs.cpu.map((c) => c.thread), 50)}, script ${p(runs.cpu.map((c) => c.script), 50)}, style and layout ${p(runs.cpu.map((c) => c.layout), 50)}, compile ${p(runs.cpu.map((c) => c.compile), 50)} (Chromium's Performance metrics in thread time)`,
      `machine load (1-minute load average, ${os.cpus().length} cores) ${round(loadBefore, 2)} before the browser runs, ${round(loadAfter, 2)} after: the browser's work is CPU-bound, so the times grow with it`,
      `seeded in SQL in ${round(seeded.seconds, 1)} s: ${seeded.counts.map((c) => `${c.t} ${c.n}`).join(', ')}`,
      `first page: Vite's manifest, the entry chunk and its static imports, each file gzipped at the default level; ${opts.apiRequests} API requests after 3 warm-ups`,
      ...(runs.problems.length ? [`page problems: ${[...new Set(runs.problems)].slice(0, 5).join(' | ')}`] : []),
    ],
  };
}
