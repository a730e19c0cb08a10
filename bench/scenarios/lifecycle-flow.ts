import type { DataSource } from 'typeorm';
import { IMPACT_ASSESSMENT_TEMPLATE } from '@aigov/domain/impact-assessment.template';

export interface BenchUser {
  id: string;
  token: string;
}

export interface FlowContext {
  baseUrl: string;
  owner: BenchUser;
  /** the two approvers the bench policy's single step asks ("all" of them) */
  approvers: [BenchUser, BenchUser];
  dataSource: DataSource;
}

/** Answers clearing every trigger: a minimal-risk system, which the bench policy approves in one step. */
export function minimalAnswers(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of IMPACT_ASSESSMENT_TEMPLATE.questions) {
    if (q.type === 'boolean') answers[q.id] = false;
    else if (q.type === 'choice') answers[q.id] = q.options!.find((o) => o.value === 'none')?.value ?? q.options![0].value;
    else if (q.type === 'multi_choice') answers[q.id] = [];
    else answers[q.id] = 'Benchmark system';
  }
  return answers;
}

const ANSWERS = minimalAnswers();

/** An answer of 300 or more, with its status (a 503 on an Update is one a client recovers from). */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What the bench's fetch reports when an answer took longer than its 300 s headers timeout: treated as a 503 (the request may still complete). */
const NO_ANSWER_IN_TIME = 504;

export async function call(ctx: { baseUrl: string }, method: string, path: string, token: string, body?: unknown): Promise<any> {
  let response: Response;
  try {
    response = await fetch(`${ctx.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // Node's fetch gives up after 300 s without response headers; the API may still be waiting on the workflow.
    if ((error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_HEADERS_TIMEOUT') throw new HttpError(`${method} ${path}: no answer within 300 s`, NO_ANSWER_IN_TIME);
    throw error;
  }
  const text = await response.text();
  if (response.status >= 300) throw new HttpError(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`, response.status);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Updates the API gave up waiting for (503: "the action may still complete, check the system
 * before retrying"), and requests the bench's own fetch gave up on after 300 s without an
 * answer, counted for the results: at 10,000 systems deployments queued behind a burst of
 * reviews falling due outlasted both, and the first two runs stopped there.
 */
export const recoveries = { updateTimeouts: 0, clientTimeouts: 0 };

/**
 * What a careful client does with that 503: checks until what it asked for is visible (`done`
 * answers it, or null while it is not), and sends the request again only if it is still not
 * visible after a minute. Any other error, or a second 503 in a row, is the run's failure; the
 * bench's own timeout is handled the same way.
 */
async function withRecovery<T>(attempt: () => Promise<T>, done: () => Promise<T | null>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof HttpError) || (error.status !== 503 && error.status !== NO_ANSWER_IN_TIME)) throw error;
    if (error.status === 503) recoveries.updateTimeouts++;
    else recoveries.clientTimeouts++;
    for (const started = Date.now(); Date.now() - started < 60_000; ) {
      const seen = await done();
      if (seen !== null) return seen;
      await new Promise((r) => setTimeout(r, 1000));
    }
    return attempt();
  }
}

/** Waits for the approval round's tasks (created asynchronously by the round's workflow). */
async function tasksOf(ctx: FlowContext, systemId: string): Promise<Map<string, string>> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    const rows: Array<{ id: string; assignee_id: string }> = await ctx.dataSource.query(
      `SELECT id, assignee_id FROM tasks WHERE ai_system_id = $1 AND kind = 'approval' AND status = 'open'`,
      [systemId],
    );
    if (rows.length === 2) return new Map(rows.map((r) => [r.assignee_id, r.id]));
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`approval tasks for ${systemId} did not appear`);
}

/** Registration (with `extra` fields, e.g. a scope), submission and assessment: the system waits in approval with two open tasks. */
export async function toApproval(ctx: FlowContext, name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; tasks: Map<string, string> }> {
  const created = await call(ctx, 'POST', '/api/v1/ai-systems', ctx.owner.token, {
    name,
    purpose: 'Benchmark load',
    intendedUse: 'Measuring the engine',
    businessUnit: 'Benchmark',
    dataSources: ['synthetic'],
    dataCategories: ['none'],
    personalData: false,
    specialCategoryData: false,
    modelType: 'rules',
    vendorType: 'in_house',
    deploymentContext: 'benchmark',
    affectedStakeholders: ['nobody'],
    autonomyLevel: 'human_in_the_loop',
    ...extra,
  });
  const path = `/api/v1/ai-systems/${created.id}`;
  await call(ctx, 'POST', `${path}/submit`, ctx.owner.token);
  await call(ctx, 'POST', `${path}/impact-assessments`, ctx.owner.token, { answers: ANSWERS });
  return { id: created.id, tasks: await tasksOf(ctx, created.id) };
}

export function decide(ctx: FlowContext, approver: BenchUser, taskId: string): Promise<any> {
  return withRecovery(
    () => call(ctx, 'POST', `/api/v1/tasks/${taskId}/decision`, approver.token, { decision: 'approve' }),
    async () => {
      const [task] = await ctx.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [taskId]);
      return task && task.status !== 'open' ? { status: task.status } : null;
    },
  );
}

export function deploy(ctx: FlowContext, systemId: string): Promise<any> {
  return call(ctx, 'POST', `/api/v1/ai-systems/${systemId}/deployments`, ctx.owner.token, {
    version: '1.0.0',
    environment: 'production',
    configuration: { threshold: 0.5 },
  });
}

/** One system from registration through both approvals: it waits in `deployment`. */
export async function toDeployment(ctx: FlowContext, name: string): Promise<string> {
  const { id, tasks } = await toApproval(ctx, name);
  for (const approver of ctx.approvers) await decide(ctx, approver, tasks.get(approver.id)!);
  return id;
}

/** Deploys an approved system; answers when its review is due. */
export async function toOperation(ctx: FlowContext, id: string): Promise<{ id: string; nextReviewAt: number }> {
  const deployed = await withRecovery(
    () => deploy(ctx, id),
    async () => {
      const system = await call(ctx, 'GET', `/api/v1/ai-systems/${id}`, ctx.owner.token);
      return system.stage !== 'deployment' && system.nextReviewAt ? system : null;
    },
  );
  if (deployed.stage !== 'operation' || !deployed.nextReviewAt) throw new Error(`system ${id} is in ${deployed.stage} after deployment`);
  return { id, nextReviewAt: new Date(deployed.nextReviewAt).getTime() };
}

/** Runs `count` jobs with at most `concurrency` in flight; resolves with their results in order. */
export async function pool<T>(count: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await job(i);
      }
    }),
  );
  return results;
}
