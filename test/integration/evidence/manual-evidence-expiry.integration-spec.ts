import { Client, Connection } from '@temporalio/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { manualEvidenceExpiryScanScheduleId } from '@aigov/workflows/manual-evidence-expiry.contracts';
import { upsertManualEvidenceExpirySchedule } from '@aigov/worker/manual-evidence-expiry-schedule';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';
import { waitUntil } from '../../support/wait-until';
import { testDataConverter } from '../../support/temporal-data-converter';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * Manual evidence expiry on the real servers: a daily Schedule (created by the worker at start)
 * runs one scan; the owner is reminded once within 30 days of the expiry, the owner and the
 * governance office are told once after it lapsed, and a withdrawn item is left alone.
 */
describe('manual evidence expiry notices', () => {
  let h: Harness;
  let connection: Connection;
  let client: Client;
  let gov: HarnessUser;
  let owner: HarnessUser;
  const tag = randomBytes(3).toString('hex');
  const scheduleQueues: string[] = [];

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, owner] = [await h.createUser(['governance_office']), await h.createUser(['security_officer'])];
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
  });
  afterAll(async () => {
    for (const queue of [h?.config.temporal.taskQueue, ...scheduleQueues]) {
      if (queue) await client?.schedule.getHandle(manualEvidenceExpiryScanScheduleId(queue)).delete().catch(() => undefined);
    }
    await connection?.close();
    await h?.stop();
  });

  /** Runs one scan; `history` names the recorded history of this run (RECORD_HISTORIES=1). */
  const scan = async (history?: string) => {
    const workflowId = `manual-evidence-expiry-scan-test-${randomUUID()}`;
    const result = (await client.workflow.execute('manualEvidenceExpiryScan', { taskQueue: h.config.temporal.taskQueue, workflowId, args: [{}] })) as {
      reminded: number;
      escalated: number;
    };
    if (history) await saveServerHistoryForReplay(workflowId, history);
    return result;
  };
  const create = async (title: string, expiresAt: string) => {
    const created = await h.api('POST', '/api/v1/manual-evidence', {
      token: gov.token,
      body: { title, ownerId: owner.user.id, controls: [{ framework: 'iso27001', ref: 'A.5.19' }], url: 'https://trust.example.com/certificate.pdf', expiresAt },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const mails = (to: HarnessUser, subject: string) => h.mail.messages().filter((m) => m.to.includes(to.user.email) && m.subject === subject);
  const events = async (id: string) =>
    ((await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`manual-evidence:${id}`])) as Array<{ event_type: string }>).map(
      (e) => e.event_type,
    );

  it('is scheduled by the worker, and upserted idempotently', async () => {
    const own = await client.schedule.getHandle(manualEvidenceExpiryScanScheduleId(h.config.temporal.taskQueue)).describe();
    expect(own.action).toMatchObject({ type: 'startWorkflow', workflowType: 'manualEvidenceExpiryScan' });

    const queue = `manual-evidence-expiry-${Date.now()}`;
    scheduleQueues.push(queue);
    expect(await upsertManualEvidenceExpirySchedule(client, queue)).toBe(`manual-evidence-expiry-scan:${queue}`);
    expect(await upsertManualEvidenceExpirySchedule(client, queue)).toBe(`manual-evidence-expiry-scan:${queue}`); // a second worker starting
    const described = await client.schedule.getHandle(manualEvidenceExpiryScanScheduleId(queue)).describe();
    expect(described.spec.intervals).toHaveLength(1);
    expect(described.spec.intervals?.[0]?.every).toBe(86_400_000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'manualEvidenceExpiryScan', taskQueue: queue });
  });

  it('reminds the owner once within the window, escalates a lapsed item to the owner and the governance office once, and leaves a withdrawn one alone', async () => {
    const expiring = `Supplier certificate ${tag}`;
    const lapsing = `Signed policy ${tag}`;
    const withdrawn = `Old pen test ${tag}`;
    const valid = `Fresh audit report ${tag}`;
    const expiringId = await create(expiring, inDays(10));
    const lapsesAt = Date.now() + 6_000;
    const lapsingId = await create(lapsing, new Date(lapsesAt).toISOString());
    const withdrawnId = await create(withdrawn, inDays(5));
    const validId = await create(valid, inDays(200));
    expect((await h.api('POST', `/api/v1/manual-evidence/${withdrawnId}/withdrawal`, { token: gov.token, body: { reason: 'superseded' } })).status).toBe(200);
    // the lapsing item's expiry passes in real time (the API accepts only future dates)
    await waitUntil(async () => (Date.now() > lapsesAt + 500 ? true : undefined), 20_000, 'the expiry to pass');

    const first = await scan('manual-evidence-expiry-scan-reminded-and-escalated');
    // other specs' items may be noticed too; these four are checked by their own mails and events
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject === `Evidence expiring: ${expiring}`, 10_000);
    await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject === `Evidence expired: ${lapsing}`, 10_000);

    expect(await scan()).toEqual({ reminded: 0, escalated: 0 });
    expect(mails(owner, `Evidence expiring: ${expiring}`)).toHaveLength(1);
    expect(mails(owner, `Evidence expired: ${lapsing}`)).toHaveLength(1);
    expect(mails(gov, `Evidence expired: ${lapsing}`)).toHaveLength(1);
    expect(mails(gov, `Evidence expiring: ${expiring}`)).toHaveLength(0); // the reminder is the owner's only
    expect(mails(owner, `Evidence expiring: ${lapsing}`)).toHaveLength(0); // lapsed before any scan: escalated, not reminded
    expect(h.mail.messages().filter((m) => m.subject.endsWith(withdrawn) || m.subject.endsWith(valid))).toHaveLength(0);

    expect(await events(expiringId)).toEqual(['manual_evidence.created', 'manual_evidence.expiry_reminded']);
    expect(await events(lapsingId)).toEqual(['manual_evidence.created', 'manual_evidence.expiry_escalated']);
    expect(await events(withdrawnId)).toEqual(['manual_evidence.created', 'manual_evidence.withdrawn']);
    expect(await events(validId)).toEqual(['manual_evidence.created']);
  });
  it('reminds again after the item is replaced with a new expiry date, and only once for it', async () => {
    const title = `Insurance certificate ${tag}`;
    const id = await create(title, inDays(9));
    await scan();
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject === `Evidence expiring: ${title}`, 10_000);

    // the replacement expires within the window too: a new expiry date is a new reminder
    const replaced = await h.api('PUT', `/api/v1/manual-evidence/${id}`, {
      token: gov.token,
      body: { url: 'https://trust.example.com/certificate-2.pdf', expiresAt: inDays(12), reason: 'renewed' },
    });
    expect(replaced.status).toBe(200);
    await scan();
    await waitUntil(async () => (mails(owner, `Evidence expiring: ${title}`).length === 2 ? true : null), 10_000, 'the second reminder');
    await scan();
    expect(mails(owner, `Evidence expiring: ${title}`)).toHaveLength(2);
    expect(await events(id)).toEqual(['manual_evidence.created', 'manual_evidence.expiry_reminded', 'manual_evidence.replaced', 'manual_evidence.expiry_reminded']);
  });
});
