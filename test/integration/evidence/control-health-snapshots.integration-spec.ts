import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Clock } from '@aigov/config/clock';
import { loadControlCatalog } from '@aigov/config/control-catalog.loader';
import { loadEvidenceMap } from '@aigov/config/evidence-map.loader';
import { loadGovernancePolicy } from '@aigov/config/policy-file.loader';
import { agendaText, compileManagementReviewAgenda, lastManagementReviewAt } from '@aigov/persistence/management-system-summary';
import { ControlHealthSnapshotActivities } from '@aigov/worker/activities/control-health-snapshot.activities';
import { upsertControlHealthSnapshotSchedule } from '@aigov/worker/control-health-snapshot-schedule';
import { controlHealthSnapshotScheduleId } from '@aigov/workflows/control-health-snapshot.contracts';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { testDataConverter } from '../../support/temporal-data-converter';

class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

/**
 * The daily control-health snapshot on real parts: a Temporal Schedule (upserted by every
 * worker at start) runs `controlHealthSnapshot`, whose one activity keeps the day's
 * organisation-wide control health keyed by the day; GET /reports/control-health/history
 * serves the days for charts.
 */
describe('daily control-health snapshots', () => {
  let h: Harness;
  let client: Client;
  let connection: Connection;
  let gov: HarnessUser;
  let owner: HarnessUser;
  let activities: (at: Date) => ControlHealthSnapshotActivities;
  const scheduleQueues: string[] = [];

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, owner] = [await h.createUser(['governance_office']), await h.createUser(['product_owner'])];
    expect((await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(`Snapshot ${Date.now()}`), accountableOwnerId: owner.user.id } })).status).toBe(201);
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
    const catalog = loadControlCatalog(h.config.controlCatalogDir);
    const map = loadEvidenceMap(h.config.controlCatalogDir, catalog);
    const policy = loadGovernancePolicy(h.config.policyFile);
    activities = (at) => new ControlHealthSnapshotActivities(h.dataSource, new FixedClock(at), map, policy);
    scheduleQueues.push(h.config.temporal.taskQueue);
  });
  afterAll(async () => {
    // Schedules outlive the worker by design; the test's own must not keep firing.
    for (const queue of scheduleQueues) await client?.schedule.getHandle(controlHealthSnapshotScheduleId(queue)).delete().catch(() => undefined);
    await connection?.close();
    await h?.stop();
  });

  const rows = (day: string) => h.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, systems, totals, by_framework, controls FROM control_health_snapshots WHERE day = $1`, [day]);
  const get = (path: string, by: HarnessUser) => h.api('GET', path, { token: by.token });

  it('takes one snapshot per day however often the activity runs', async () => {
    const first = await activities(new Date('2026-01-15T00:00:05Z')).takeControlHealthSnapshot({ day: '2026-01-15' });
    expect(first).toEqual({ day: '2026-01-15', created: true });
    // retried (after a timeout, a worker crash) and run twice at once: still one row, the first
    expect(await activities(new Date('2026-01-15T00:03:00Z')).takeControlHealthSnapshot({ day: '2026-01-15' })).toEqual({ day: '2026-01-15', created: false });
    const both = await Promise.all([1, 2].map(() => activities(new Date('2026-01-16T00:00:05Z')).takeControlHealthSnapshot({ day: '2026-01-16' })));
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);

    const [row] = await rows('2026-01-15');
    expect(await rows('2026-01-15')).toHaveLength(1);
    expect(await rows('2026-01-16')).toHaveLength(1);
    expect(row.systems).toBe(1);
    const report = (await get('/api/v1/reports/control-health', gov)).body;
    expect(Object.values(row.totals as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(report.controls.length);
    expect(Object.keys(row.controls)).toHaveLength(report.controls.length);
    expect(row.controls['iso42001 A.5.2']).toBe('no_evidence');
    expect(row.by_framework.iso42001).toEqual(expect.objectContaining({ effective: expect.any(Number), no_evidence: expect.any(Number) }));
    await expect(activities(new Date()).takeControlHealthSnapshot({ day: 'yesterday' })).rejects.toThrow(/not a day/);
  });

  it('serves the days for charts, to report readers only, and refuses bad ranges with the field', async () => {
    const history = await get('/api/v1/reports/control-health/history?from=2026-01-01&to=2026-01-31', gov);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    expect(history.body.items.map((i: { day: string }) => i.day)).toEqual(['2026-01-15', '2026-01-16']);
    expect(history.body.items[0]).toMatchObject({ day: '2026-01-15', takenAt: '2026-01-15T00:00:05.000Z', systems: 1, soaVersion: null, totals: { effective: expect.any(Number) } });
    expect(history.body.items[0].controls).toBeUndefined();
    expect((await get('/api/v1/reports/control-health/history?from=2026-01-16&to=2026-01-16', gov)).body.items).toHaveLength(1);
    // the default range: the last 90 days
    const recent = await get('/api/v1/reports/control-health/history', gov);
    expect(recent.status).toBe(200);
    expect(recent.body.to).toBe(new Date().toISOString().slice(0, 10));

    expect((await get('/api/v1/reports/control-health/history', owner)).status).toBe(403);
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-03-01&to=2026-02-01', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'from'],
      ['from=0000-01-01&to=2026-01-01', 'from'],
    ]) {
      const refused = await get(`/api/v1/reports/control-health/history?${query}`, gov);
      expect({ query, status: refused.status, field: refused.body.field }).toEqual({ query, status: 400, field });
    }
  });

  it('is upserted idempotently by every worker, and a run of the schedule keeps today’s snapshot', async () => {
    const queue = `control-health-snapshot-${Date.now()}`;
    scheduleQueues.push(queue);
    expect(await upsertControlHealthSnapshotSchedule(client, queue)).toBe(`control-health-snapshot@${queue}`);
    expect(await upsertControlHealthSnapshotSchedule(client, queue)).toBe(`control-health-snapshot@${queue}`); // a second worker starting
    const described = await client.schedule.getHandle(controlHealthSnapshotScheduleId(queue)).describe();
    expect(described.spec.intervals?.[0]?.every).toBe(86_400_000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'controlHealthSnapshot', taskQueue: queue });

    // the harness's worker upserted its own at start; triggered now, it runs the workflow on the real worker
    const own = client.schedule.getHandle(controlHealthSnapshotScheduleId(h.config.temporal.taskQueue));
    await own.trigger();
    const today = new Date().toISOString().slice(0, 10);
    await waitUntil(async () => ((await rows(today)).length ? true : undefined), 60_000, 'today’s snapshot taken by the schedule');
    expect(await rows(today)).toHaveLength(1);
  });

  it('puts the control-health summary and its change since the last review on the management review agenda', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // before any review: the newest snapshot, nothing to compare with
    const first = await get('/api/v1/reports/management-system', gov);
    expect(first.status).toBe(200);
    expect(first.body.controlHealth).toMatchObject({ current: { day: today, systems: 1 }, atLastReview: null, change: null });
    expect(first.body.controlHealth.current.controls).toBeUndefined();

    // a review convened on 15 January saw that day's snapshot, in which A.5.2 needed attention;
    // today's snapshot has no evidence for it instead
    await h.dataSource.query(
      `INSERT INTO management_reviews (id, workflow_id, status, convened_at, meeting_at, agenda) VALUES ($1, $2, 'held', '2026-01-15T12:00:00Z', '2026-01-20T09:00:00Z', '{}')`,
      [randomUUID(), `management-review-test-${randomUUID()}`],
    );
    await h.dataSource.query(`UPDATE control_health_snapshots SET controls = controls || '{"iso42001 A.5.2": "attention"}'::jsonb, totals = jsonb_set(jsonb_set(totals, '{attention}', ((totals->>'attention')::int + 1)::text::jsonb), '{no_evidence}', ((totals->>'no_evidence')::int - 1)::text::jsonb) WHERE day = '2026-01-15'`);
    const report = await get('/api/v1/reports/management-system', gov);
    expect(report.body.since).toBe('2026-01-15T12:00:00.000Z');
    const health = report.body.controlHealth;
    expect(health.current.day).toBe(today);
    expect(health.atLastReview).toMatchObject({ day: '2026-01-15', takenAt: '2026-01-15T00:00:05.000Z' });
    expect(health.change.totals).toMatchObject({ attention: -1, no_evidence: 1 });
    expect(health.change.changed).toEqual([{ control: 'iso42001 A.5.2', from: 'attention', to: 'no_evidence' }]);
    expect(health.change).toMatchObject({ changedCount: 1, improved: 1, worsened: 0 });

    // the agenda a review is convened with (and its invitation mail) carries the same
    const agenda = await h.dataSource.transaction(async (m) => compileManagementReviewAgenda(m, new Date(), await lastManagementReviewAt(m)));
    expect(agenda.controlHealth).toEqual(health);
    expect(agendaText(agenda)).toMatch(
      new RegExp(`9\\. Control health: controls effective \\d+, attention \\d+, no evidence \\d+, not applicable 0 \\(snapshot of ${today}, 1 systems\\); since the last review \\(snapshot of 2026-01-15\\): .*attention -1, no evidence \\+1.*; 1 controls improved, 0 worsened`),
    );
    expect(agendaText({ ...agenda, controlHealth: undefined })).toContain('9. Control health: no control-health snapshot taken yet');
  });
});
