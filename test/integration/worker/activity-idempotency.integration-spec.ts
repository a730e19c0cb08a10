import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, loadAppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { loadGovernancePolicy } from '@aigov/config/policy-file.loader';
import { MailerService } from '@aigov/notifications/mailer.service';
import { MailCapture, startMailCapture } from '@aigov/notifications/mail-capture.server';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { verifyAuditChain } from '@aigov/persistence/audit-chain';
import { ApprovalTaskActivities } from '@aigov/worker/activities/approval-task.activities';
import { LifecycleProjectionActivities } from '@aigov/worker/activities/lifecycle-projection.activities';
import { NotificationActivities } from '@aigov/worker/activities/notification.activities';
import { TaskPromptActivities } from '@aigov/worker/activities/task-prompt.activities';
import type { LifecycleChange } from '@aigov/workflows/activity.contracts';

class FixedClock extends Clock {
  constructor(public at = new Date('2026-11-22T10:00:00Z')) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

/**
 * Temporal runs an activity again after a timeout or a worker crash, so each activity must
 * leave the same rows (and send the same mail) however often it runs.
 */
describe('worker activities are idempotent', () => {
  let dataSource: DataSource;
  let mail: MailCapture;
  let clock: FixedClock;
  let projection: LifecycleProjectionActivities;
  let approvals: ApprovalTaskActivities;
  let prompts: TaskPromptActivities;
  let notifications: NotificationActivities;
  let ownerId: string;
  let approverId: string;
  let config: AppConfig;

  beforeAll(async () => {
    mail = await startMailCapture({ httpPort: false });
    config = loadAppConfig({
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      SMTP_URL: mail.smtpUrl,
      PUBLIC_BASE_URL: 'http://127.0.0.1:9',
      GOVERNANCE_POLICY_FILE: 'config/governance-policy.yaml',
    } as NodeJS.ProcessEnv);
    dataSource = await createDataSource(config.databaseUrl).initialize();
    clock = new FixedClock();
    projection = new LifecycleProjectionActivities(dataSource, clock, loadGovernancePolicy(config.policyFile));
    approvals = new ApprovalTaskActivities(dataSource, clock);
    prompts = new TaskPromptActivities(dataSource, new MailerService(config), clock, config);
    notifications = new NotificationActivities(dataSource, new MailerService(config), clock, config);
    ownerId = randomUUID();
    approverId = randomUUID();
    for (const [id, roles] of [
      [ownerId, ['product_owner']],
      [approverId, ['approver']],
    ] as const) {
      await dataSource.query(
        `INSERT INTO users (id, email, name, roles, active, created_at) VALUES ($1, $2, $3, $4, true, now())`,
        [id, `${id}@example.test`, `User ${id.slice(0, 4)}`, roles],
      );
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await mail?.stop();
  });

  const registration = (systemId: string): LifecycleChange => ({
    systemId,
    seq: 1,
    auditStream: `ai-system:${systemId}`,
    transition: { action: 'registered', from: null, to: 'design', reason: null },
    actor: { userId: ownerId, label: 'owner' },
    projection: { stage: 'design' },
    audit: [{ seq: 1, eventType: 'ai_system.registered', actor: { userId: ownerId, label: 'owner' }, payload: { name: 'x' } }],
    registration: {
      name: 'Idempotency test',
      purpose: 'p',
      intendedUse: 'u',
      accountableOwnerId: ownerId,
      businessUnit: 'b',
      dataSources: [],
      dataCategories: [],
      personalData: false,
      specialCategoryData: false,
      modelType: 'm',
      vendorType: 'in_house',
      vendorName: null,
      deploymentContext: 'c',
      affectedStakeholders: [],
      autonomyLevel: 'a',
      createdBy: { userId: ownerId, label: 'owner' },
    },
  });

  const count = async (table: string, systemId: string) =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ai_system_id = $1`, [systemId]))[0].n as number;

  it('applies a lifecycle change once, even when a retry comes later with another clock reading', async () => {
    const systemId = randomUUID();
    await projection.applyLifecycleChange(registration(systemId));
    const submit: LifecycleChange = {
      systemId,
      seq: 2,
      auditStream: `ai-system:${systemId}`,
      transition: { action: 'submit_for_assessment', from: 'design', to: 'impact_assessment', reason: null },
      actor: { userId: ownerId, label: 'owner' },
      projection: { stage: 'impact_assessment', submittedById: ownerId },
      audit: [{ seq: 2, eventType: 'ai_system.stage_changed', actor: null, payload: { to: 'impact_assessment' } }],
    };
    await projection.applyLifecycleChange(submit);
    clock.at = new Date('2026-11-22T11:00:00Z');
    await projection.applyLifecycleChange(submit);
    await projection.applyLifecycleChange(registration(systemId));

    expect(await count('stage_transitions', systemId)).toBe(2);
    expect(await count('audit_events', systemId)).toBe(2);
    const [row] = await dataSource.query('SELECT stage, projection_seq FROM ai_systems WHERE id = $1', [systemId]);
    expect(row).toEqual({ stage: 'impact_assessment', projection_seq: 2 });
    expect((await verifyAuditChain(dataSource, { streamId: `ai-system:${systemId}` })).ok).toBe(true);
  });

  it('creates approval tasks and sends each prompt once across retries', async () => {
    const systemId = randomUUID();
    await projection.applyLifecycleChange(registration(systemId));
    const taskId = randomUUID();
    const stream = `approval:${systemId}:1`;
    const create = {
      systemId,
      round: 1,
      workflowId: stream,
      stepIndex: 0,
      stepName: 'risk',
      tasks: [{ id: taskId, assigneeId: approverId }],
      dueIn: 'P14D',
      audit: { stream, entry: { seq: 1, eventType: 'approval.step_started', actor: null, payload: {} } },
    };
    await approvals.createApprovalTasks(create);
    clock.at = new Date(clock.at.getTime() + 60_000);
    await approvals.createApprovalTasks(create);
    expect(await count('tasks', systemId)).toBe(1);

    expect(await prompts.sendTaskPrompt({ taskId, kind: 'request' })).toEqual({ sent: true });
    expect(await prompts.sendTaskPrompt({ taskId, kind: 'request' })).toEqual({ sent: false });
    const received = await mail.waitFor((m) => m.to.includes(`${approverId}@example.test`));
    expect(received.subject).toContain('Idempotency test');
    expect(received.text).toMatch(/\/actions\/[\w-]+\.[\w-]+\.[\w-]+/);
    // Besides the action link, the mail links the web application's pages, not the JSON API.
    expect(received.text).toContain(`Open the task in the application: ${config.publicBaseUrl}/tasks/${taskId}`);
    expect(received.text).toContain(`The system in the application: ${config.publicBaseUrl}/systems/${systemId}`);
    expect(received.text).toContain(`Your task inbox: ${config.publicBaseUrl}/inbox`);
    expect(received.text).not.toContain('/api/v1');
    await new Promise((r) => setTimeout(r, 300));
    expect(mail.messages().filter((m) => m.to.includes(`${approverId}@example.test`))).toHaveLength(1);
    // The outbox keeps the mail for the record, but never a usable link.
    const [outbox] = await dataSource.query('SELECT text_body, status FROM email_outbox WHERE task_id = $1', [taskId]);
    expect(outbox.status).toBe('sent');
    expect(outbox.text_body).toContain('[personal action link]');
    expect(outbox.text_body).not.toMatch(/\/actions\//);

    const decide = {
      systemId,
      taskId,
      actor: { userId: approverId, label: 'approver' },
      decision: 'approve' as const,
      comment: 'ok',
      audit: { stream, entry: { seq: 2, eventType: 'approval.decided', actor: null, payload: { taskId } } },
    };
    await approvals.recordApprovalDecision(decide);
    clock.at = new Date(clock.at.getTime() + 60_000);
    await approvals.recordApprovalDecision(decide);
    const [task] = await dataSource.query('SELECT status, decision FROM tasks WHERE id = $1', [taskId]);
    expect(task).toEqual({ status: 'decided', decision: 'approve' });
    expect((await verifyAuditChain(dataSource, { streamId: stream })).ok).toBe(true);
  });

  it('sends a notification once per person and key across retries', async () => {
    const key = `retry-${randomUUID()}`;
    const notice = { key, recipients: { userIds: [ownerId] }, subject: `Notice ${key}`, text: 'Something happened.' };
    expect(await notifications.notify(notice)).toEqual({ sent: 1 });
    // Temporal retries an activity whose completion was lost: the mail must not go out again.
    expect(await notifications.notify(notice)).toEqual({ sent: 0 });
    await mail.waitFor((m) => m.subject === `Notice ${key}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(mail.messages().filter((m) => m.subject === `Notice ${key}`)).toHaveLength(1);
    const [outbox] = await dataSource.query('SELECT status, attempts FROM email_outbox WHERE idempotency_key = $1', [`notify:${key}:${ownerId}`]);
    expect(outbox).toEqual({ status: 'sent', attempts: 1 });
  });

  it('links the system a notification is about in the web application', async () => {
    const systemId = randomUUID();
    await projection.applyLifecycleChange(registration(systemId));
    const key = `system-${randomUUID()}`;
    expect(await notifications.notify({ key, recipients: { userIds: [ownerId] }, systemId, subject: `Notice ${key}`, text: 'Drift detected.' })).toEqual({ sent: 1 });
    const received = await mail.waitFor((m) => m.subject.endsWith(`Notice ${key}`));
    expect(received.text).toContain(`The system in the application: ${config.publicBaseUrl}/systems/${systemId}`);
    expect(received.html).toContain(`<a href="${config.publicBaseUrl}/systems/${systemId}">The system in the application</a>`);
  });

  it('keeps a prompt pending while SMTP is down and sends it once SMTP is back', async () => {
    const systemId = randomUUID();
    await projection.applyLifecycleChange(registration(systemId));
    const taskId = randomUUID();
    const stream = `approval:${systemId}:1`;
    await approvals.createApprovalTasks({
      systemId,
      round: 1,
      workflowId: stream,
      stepIndex: 0,
      stepName: 'risk',
      tasks: [{ id: taskId, assigneeId: approverId }],
      dueIn: 'P14D',
      audit: { stream, entry: { seq: 1, eventType: 'approval.step_started', actor: null, payload: {} } },
    });
    mail.setAvailable(false);
    await expect(prompts.sendTaskPrompt({ taskId, kind: 'request' })).rejects.toThrow();
    const [pending] = await dataSource.query('SELECT status, attempts, last_error FROM email_outbox WHERE task_id = $1', [taskId]);
    expect(pending.status).toBe('pending');
    expect(pending.last_error).toBeTruthy();
    mail.setAvailable(true);
    expect(await prompts.sendTaskPrompt({ taskId, kind: 'request' })).toEqual({ sent: true });
    const [sent] = await dataSource.query('SELECT status, attempts FROM email_outbox WHERE task_id = $1', [taskId]);
    expect(sent).toEqual({ status: 'sent', attempts: 2 });
  });
});
