import { randomUUID } from 'node:crypto';
import type { ApiResponse, Harness, HarnessUser } from './governance-harness';

/**
 * Sends a request, retrying while the answer is 503 (a dependency is down; the API says to
 * retry) or the connection fails, as a well-behaved client would: with one Idempotency-Key
 * for all attempts, so an attempt whose answer was lost does not act twice.
 */
export async function apiRetrying(
  h: Harness,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown },
  timeoutMs = 90_000,
): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  const headers = method === 'GET' ? undefined : { 'idempotency-key': randomUUID() };
  for (;;) {
    const response = await h.api(method, path, { ...opts, headers }).catch((error: Error) => ({ status: 0, body: { message: error.message }, headers: new Headers() }));
    if (response.status !== 503 && response.status !== 0) return response;
    if (Date.now() > deadline) throw new Error(`${method} ${path} still failing after ${timeoutMs} ms: ${response.status} ${JSON.stringify(response.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface PromptCheck {
  tasks: number;
  /** SMTP transactions seen for the tasks' request prompts (a crash right after a 250 repeats one) */
  deliveries: number;
}

/**
 * Every approval task of the systems has exactly one request prompt: one outbox row, sent,
 * and one Message-ID at the mail server. The exception is a task that closed (its step settled,
 * or its approver decided in the inbox) while a crash or a database restart held its prompt
 * back: the retry finds the task closed and marks the row 'cancelled' instead of sending. The
 * mail server then has no prompt, or the one whose 250 came just before the database went away
 * and could not be recorded as sent. Every decided task has exactly one decision event.
 */
export async function assertPromptsAndDecisionsOnce(h: Harness, systemIds: string[]): Promise<PromptCheck> {
  const tasks: Array<{ id: string; status: string }> = await h.dataSource.query(
    `SELECT id, status FROM tasks WHERE kind = 'approval' AND ai_system_id = ANY($1::uuid[])`,
    [systemIds],
  );
  const outbox: Array<{ task_id: string; status: string; message_id: string }> = await h.dataSource.query(
    `SELECT task_id, status, message_id FROM email_outbox WHERE idempotency_key LIKE 'request:%' AND task_id = ANY($1::uuid[])`,
    [tasks.map((t) => t.id)],
  );
  const decisions: Array<{ task_id: string; n: number }> = await h.dataSource.query(
    `SELECT payload->>'taskId' AS task_id, count(*)::int AS n FROM audit_events
      WHERE event_type = 'approval.decided' AND ai_system_id = ANY($1::uuid[]) GROUP BY 1`,
    [systemIds],
  );
  const mails = h.mail.messages();
  let deliveries = 0;
  const problems: string[] = [];
  for (const task of tasks) {
    const rows = outbox.filter((o) => o.task_id === task.id);
    const ids = new Set(mails.filter((m) => m.messageId === rows[0]?.message_id).map((m) => m.messageId));
    deliveries += mails.filter((m) => m.messageId === rows[0]?.message_id).length;
    const moot = rows.length === 1 && rows[0].status === 'cancelled' && task.status !== 'open';
    if (!moot && (rows.length !== 1 || rows[0].status !== 'sent')) problems.push(`task ${task.id} (${task.status}): outbox ${JSON.stringify(rows)}`);
    if (!moot && ids.size !== 1) problems.push(`task ${task.id}: ${ids.size} distinct prompt(s) at the mail server`);
    const decided = decisions.find((d) => d.task_id === task.id)?.n ?? 0;
    if (decided !== (task.status === 'decided' ? 1 : 0)) problems.push(`task ${task.id} (${task.status}): ${decided} decision event(s)`);
  }
  if (problems.length) throw new Error(`prompts or decisions lost or repeated:\n${problems.join('\n')}`);
  return { tasks: tasks.length, deliveries };
}

/** The whole audit trail verifies (every stream, hash chain and contiguous seqs). */
export async function assertAuditTrailIntact(h: Harness, auditor: HarnessUser): Promise<void> {
  const verify = await apiRetrying(h, 'GET', '/api/v1/audit/verify', { token: auditor.token });
  if (verify.status !== 200 || verify.body.ok !== true) throw new Error(`audit trail broken: ${JSON.stringify(verify.body)}`);
}
