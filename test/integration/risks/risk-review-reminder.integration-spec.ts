import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { riskReviewScanScheduleId } from '@aigov/workflows/risk-review.contracts';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';
import { waitUntil } from '../../support/wait-until';
import { testDataConverter } from '../../support/temporal-data-converter';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * Risks due for review remind their owner: a daily Schedule (created by the worker at start)
 * runs one scan; each owner is mailed once per review date, and again when the date moves.
 */
describe('risk review reminders', () => {
  let h: Harness;
  let connection: Connection;
  let client: Client;
  let gov: HarnessUser;
  let owner: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, owner] = [await h.createUser(['governance_office']), await h.createUser(['risk_officer'])];
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
  });
  afterAll(async () => {
    await client?.schedule.getHandle(riskReviewScanScheduleId(h.config.temporal.taskQueue)).delete().catch(() => undefined);
    await connection?.close();
    await h?.stop();
  });

  /** Runs one scan; `history` names the recorded history of this run (RECORD_HISTORIES=1). */
  const scan = async (history?: string) => {
    const workflowId = `risk-review-scan-test-${randomUUID()}`;
    const result = (await client.workflow.execute('riskReviewScan', { taskQueue: h.config.temporal.taskQueue, workflowId, args: [{ remindBefore: 'P7D' }] })) as { reminded: number };
    if (history) await saveServerHistoryForReplay(workflowId, history);
    return result;
  };
  const create = (title: string, nextReviewAt: string) =>
    h.api('POST', '/api/v1/risks', { token: gov.token, body: { title, description: 'd', source: 'information_security', threat: 't', ownerId: owner.user.id, nextReviewAt } });
  const mailsAbout = (title: string) => h.mail.messages().filter((m) => m.to.includes(owner.user.email) && m.subject === `Risk review due: ${title}`);

  it('is scheduled by the worker', async () => {
    const schedule = await client.schedule.getHandle(riskReviewScanScheduleId(h.config.temporal.taskQueue)).describe();
    expect(schedule.action).toMatchObject({ workflowType: 'riskReviewScan' });
  });

  it('reminds the owner once per review date, and again after the date moves', async () => {
    const due = await create('Backup restore untested', inDays(2));
    const later = await create('Vendor lock-in', inDays(30));
    expect([due.status, later.status]).toEqual([201, 201]);

    expect(await scan('risk-review-scan-reminded')).toEqual({ reminded: 1 });
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject === 'Risk review due: Backup restore untested', 10_000);
    expect(await scan()).toEqual({ reminded: 0 });
    expect(mailsAbout('Backup restore untested')).toHaveLength(1);
    expect(mailsAbout('Vendor lock-in')).toHaveLength(0);
    const events = await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`risk:${due.body.id}`]);
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(['risk.created', 'risk.review_reminded']);

    // A new review date is a new reminder.
    expect((await h.api('PATCH', `/api/v1/risks/${due.body.id}`, { token: gov.token, body: { nextReviewAt: inDays(3) } })).status).toBe(200);
    expect(await scan()).toEqual({ reminded: 1 });
    await waitUntil(async () => (mailsAbout('Backup restore untested').length === 2 ? true : null), 10_000, 'the second reminder');
  });
});
