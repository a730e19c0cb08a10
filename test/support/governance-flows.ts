import type { RiskTier } from '@aigov/domain/risk-tier';
import { answersFor } from './assessment-answers';
import type { Harness, HarnessUser } from './governance-harness';
import { waitUntil } from './wait-until';

/** The first emailed action link in a mail body. */
export function linkIn(text: string): string {
  const match = text.match(/https?:\/\/\S+\/actions\/[A-Za-z0-9._-]+/);
  if (!match) throw new Error(`no action link in mail:\n${text}`);
  return match[0];
}

/** POSTs the confirmation form behind an emailed link, as the page's form does. */
export function postLink(link: string, decision: string, comment = ''): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision, comment }).toString(),
  });
}

/** A registration body with every required field; `name` keeps systems apart in mail subjects. */
export function registrationBody(name: string): Record<string, unknown> {
  return {
    name,
    purpose: `Purpose of ${name}`,
    intendedUse: 'Internal decision support',
    businessUnit: 'Operations',
    dataSources: ['warehouse'],
    dataCategories: ['operational data'],
    personalData: true,
    specialCategoryData: false,
    modelType: 'gradient boosted trees',
    vendorType: 'in_house',
    deploymentContext: 'internal tool',
    affectedStakeholders: ['employees'],
    autonomyLevel: 'human_in_the_loop',
  };
}

/**
 * Registers a system as `owner`, submits it and answers the assessment so it lands in the
 * given tier and its first approval round starts. `submitter` (default: the owner) does the
 * submitting and the assessment, as the governance office may.
 */
export async function registerForApproval(
  h: Harness,
  owner: HarnessUser,
  tier: Exclude<RiskTier, 'prohibited'>,
  opts: { name?: string; submitter?: HarnessUser } = {},
): Promise<{ id: string; path: string; name: string }> {
  const name = opts.name ?? `System ${Math.random().toString(36).slice(2, 8)}`;
  const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(name), accountableOwnerId: owner.user.id } });
  if (created.status !== 201) throw new Error(`registration failed: ${created.status} ${JSON.stringify(created.body)}`);
  const path = `/api/v1/ai-systems/${created.body.id}`;
  await submitAndAssess(h, path, opts.submitter ?? owner, tier);
  return { id: created.body.id, path, name };
}

/** Sends a system in design through submission and assessment into its next approval round. */
export async function submitAndAssess(h: Harness, path: string, submitter: HarnessUser, tier: Exclude<RiskTier, 'prohibited'>): Promise<void> {
  const submitted = await h.api('POST', `${path}/submit`, { token: submitter.token });
  if (submitted.status !== 201) throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const assessed = await h.api('POST', `${path}/impact-assessments`, { token: submitter.token, body: { answers: answersFor(tier) } });
  if (assessed.status !== 201 || assessed.body.riskTier !== tier) {
    throw new Error(`assessment failed: ${assessed.status} ${JSON.stringify(assessed.body)}`);
  }
}

/**
 * Waits for the open task of `user` on a system (tasks are created by the round's workflow,
 * after the request that started it has answered), optionally in one approval step.
 */
export function openTaskOf(
  h: Harness,
  systemId: string,
  user: HarnessUser,
  opts: { step?: string; timeoutMs?: number } = {},
): Promise<{ id: string; delegated_from_id: string | null }> {
  return waitUntil(
    async () =>
      (
        await h.dataSource.query(
          `SELECT id, delegated_from_id FROM tasks WHERE ai_system_id = $1 AND assignee_id = $2 AND status = 'open' AND ($3::text IS NULL OR step_name = $3)
            ORDER BY created_at LIMIT 1`,
          [systemId, user.user.id, opts.step ?? null],
        )
      )[0] as { id: string; delegated_from_id: string | null } | undefined,
    opts.timeoutMs ?? 30_000,
    `an open task for ${user.user.email}`,
  );
}

/** A review checklist with every item answered `pass`, or with the given answers overriding. */
export function reviewChecklist(overrides: Record<string, { result: string; note?: string }> = {}): Record<string, { result: string; note?: string }> {
  const items = ['performance', 'drift', 'bias_fairness', 'incidents', 'data_or_model_changes', 'intended_use'];
  return { ...Object.fromEntries(items.map((item) => [item, { result: 'pass' }])), ...overrides };
}
