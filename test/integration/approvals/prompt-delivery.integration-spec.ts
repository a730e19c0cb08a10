import { join } from 'node:path';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { linkIn, postLink, registerForApproval } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

interface OutboxRow {
  idempotency_key: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
}

/**
 * Approval prompts are neither lost nor duplicated when the worker process is killed in the
 * middle of sending one, or when SMTP is down for a while. The worker runs as a child process
 * of the test so it can be SIGKILLed; the SMTP capture can hold its final reply to pick the
 * exact moment.
 */
describe('approval prompt delivery across crashes and outages', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml'), worker: 'process' });
  });
  afterAll(async () => h?.stop());
  afterEach(() => {
    h.mail.holdReplies(false);
    h.mail.onAccepted(null);
    h.mail.setAvailable(true);
  });

  /** A limited-risk system whose first step asks `gov` (the only governance officer left active). */
  async function people() {
    await h.dataSource.query(`UPDATE users SET active = false WHERE 'governance_office' = ANY(roles)`);
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    return { owner, gov };
  }
  const requestRows = (systemName: string): Promise<OutboxRow[]> =>
    h.dataSource.query(
      `SELECT idempotency_key, status, attempts, last_error, message_id FROM email_outbox
        WHERE idempotency_key LIKE 'request:%' AND subject LIKE '%' || $1 || '%'`,
      [systemName],
    );
  const sentRow = (systemName: string) =>
    waitUntil(async () => (await requestRows(systemName)).find((r) => r.status === 'sent'), 60_000, `the sent prompt for ${systemName}`);
  const deliveries = (gov: HarnessUser, systemName: string) =>
    h.mail.messages().filter((m) => m.to.includes(gov.user.email) && m.subject.includes(systemName));

  it('sends exactly one prompt when the worker dies after handing the mail to SMTP but before the 250 reply', async () => {
    const { owner, gov } = await people();
    const name = `Crash before ack ${Date.now()}`;
    const worker = h.workerProcess!;
    h.mail.holdReplies(true);
    const dropped = h.mail.dropped();
    const registering = registerForApproval(h, owner, 'limited', { name });

    expect(await h.mail.waitForHeld(60_000)).toContain(name);
    worker.kill();
    await worker.exited();
    h.mail.holdReplies(false);
    // The sender vanished before the reply: SMTP never accepted that transaction. The capture
    // hears of the closed socket on its own event, which may come after the process's exit.
    await waitUntil(async () => (h.mail.dropped() > dropped ? true : undefined), 10_000, 'the dropped SMTP transaction');
    expect(h.mail.dropped()).toBe(dropped + 1);
    expect(deliveries(gov, name)).toHaveLength(0);
    const [pending] = await requestRows(name);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });

    await worker.start();
    await registering;
    const row = await sentRow(name);
    expect(row.attempts).toBe(2);
    const mails = deliveries(gov, name);
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(row.message_id);
    expect((await postLink(linkIn(mails[0].text), 'approve')).status).toBe(200);
  });

  it('resends under the same Message-ID when the worker dies after SMTP accepted but before recording it', async () => {
    const { owner, gov } = await people();
    const name = `Crash after ack ${Date.now()}`;
    const worker = h.workerProcess!;
    h.mail.onAccepted((m) => {
      if (!m.subject.includes(name)) return;
      h.mail.onAccepted(null);
      worker.kill();
    });
    const registering = registerForApproval(h, owner, 'limited', { name });
    await waitUntil(async () => (deliveries(gov, name).length > 0 ? true : undefined), 60_000, 'the first delivery');
    await worker.exited();
    await worker.start();
    await registering;

    const row = await sentRow(name);
    const mails = deliveries(gov, name);
    // SMTP gives no way to ask whether an earlier attempt arrived, so a crash in this window
    // can repeat the send; the stable Message-ID lets mail systems show it once.
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.length).toBeLessThanOrEqual(2);
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set([row.message_id]));
    expect(await requestRows(name)).toHaveLength(1);
  });

  it('delivers a prompt once SMTP is back after an outage, without losing or repeating it', async () => {
    const { owner, gov } = await people();
    const name = `SMTP outage ${Date.now()}`;
    h.mail.setAvailable(false);
    await registerForApproval(h, owner, 'limited', { name });
    const failing = await waitUntil(async () => (await requestRows(name)).find((r) => r.last_error), 60_000, 'a failed send attempt');
    expect(failing.status).toBe('pending');
    expect(failing.last_error).toMatch(/421|temporarily unavailable/i);
    expect(deliveries(gov, name)).toHaveLength(0);

    h.mail.setAvailable(true);
    const row = await sentRow(name);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(deliveries(gov, name)).toHaveLength(1);
  });
});
