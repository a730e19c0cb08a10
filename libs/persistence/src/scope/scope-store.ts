import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { normalizeScope, type ScopeDefinition } from '@aigov/domain/scope/approved-scope';
import { appendNextAuditEvent, canonicalJson } from '../audit-chain';

/** The audit stream of a system's scope: proposals, approvals (freezes) and closed proposals. */
export const scopeAuditStream = (aiSystemId: string) => `scope:${aiSystemId}`;

/**
 * The SHA-256 an approved scope is frozen with: its canonical JSON (sorted keys, no spaces) with
 * the system and version, so the hash names this version of this system's scope and nothing
 * else. Authorize answers carry it, so a gateway can pin the scope it was configured for.
 */
export function scopeContentHash(aiSystemId: string, version: number, scope: ScopeDefinition): string {
  const s = normalizeScope(scope);
  return createHash('sha256')
    .update(canonicalJson({ aiSystemId, version, dataCategories: s.dataCategories, tools: s.tools, decisions: s.decisions, autonomy: s.autonomy }))
    .digest('hex');
}

export interface ScopeActor {
  id: string | null;
  label: string;
}

interface ProposalRow {
  id: string;
  data_categories: string[];
  tools: string[];
  decisions: string[];
  autonomy: ScopeDefinition['autonomy'];
}

const asScope = (r: ProposalRow): ScopeDefinition => ({ dataCategories: r.data_categories, tools: r.tools, decisions: r.decisions, autonomy: r.autonomy });

async function audit(m: EntityManager, aiSystemId: string, eventType: string, actor: ScopeActor | null, payload: Record<string, unknown>, now: Date) {
  await appendNextAuditEvent(m, {
    streamId: scopeAuditStream(aiSystemId),
    eventType,
    actorId: actor?.id ?? null,
    actorLabel: actor?.label ?? 'system',
    aiSystemId,
    payload,
    occurredAt: now,
  });
}

/**
 * Writes the system's proposal (the first approval's, or a material change's) in the caller's
 * transaction: a new row, or the open one updated. Unchanged content writes nothing and is no
 * event. The caller has decided that a proposal may be written now (scopeProposalTarget) under
 * the system row's lock, which the approval's freeze takes too.
 */
export async function writeScopeProposal(
  m: EntityManager,
  input: { aiSystemId: string; materialChangeId: string | null; scope: ScopeDefinition; actor: ScopeActor; source: 'registration' | 'material_change' | 'edit'; now: Date },
): Promise<{ id: string; changed: boolean }> {
  const scope = normalizeScope(input.scope);
  const [open]: Array<ProposalRow & { material_change_id: string | null }> = await m.query(
    `SELECT id, material_change_id, data_categories, tools, decisions, autonomy FROM ai_system_scopes WHERE ai_system_id = $1 AND status = 'proposed' FOR UPDATE`,
    [input.aiSystemId],
  );
  const values = [JSON.stringify(scope.dataCategories), JSON.stringify(scope.tools), JSON.stringify(scope.decisions), scope.autonomy];
  let id: string;
  if (open && open.material_change_id === input.materialChangeId) {
    const same = canonicalJson(normalizeScope(asScope(open))) === canonicalJson(scope);
    if (same) return { id: open.id, changed: false };
    id = open.id;
    await m.query(
      `UPDATE ai_system_scopes SET data_categories = $2, tools = $3, decisions = $4, autonomy = $5, proposed_by_id = $6, updated_at = $7 WHERE id = $1`,
      [id, ...values, input.actor.id, input.now],
    );
  } else {
    // A proposal left over from another round (it cannot normally outlive it) must not block this one.
    if (open) await m.query(`UPDATE ai_system_scopes SET status = 'returned', updated_at = $2 WHERE id = $1`, [open.id, input.now]);
    id = randomUUID();
    await m.query(
      `INSERT INTO ai_system_scopes (id, ai_system_id, status, material_change_id, data_categories, tools, decisions, autonomy, proposed_by_id, proposed_at, updated_at)
       VALUES ($1, $2, 'proposed', $3, $4, $5, $6, $7, $8, $9, $9)`,
      [id, input.aiSystemId, input.materialChangeId, ...values, input.actor.id, input.now],
    );
  }
  await audit(m, input.aiSystemId, 'scope.proposed', input.actor, { proposalId: id, source: input.source, materialChangeId: input.materialChangeId, scope }, input.now);
  return { id, changed: true };
}

export interface FrozenScope {
  id: string;
  version: number;
  hash: string;
  scope: ScopeDefinition;
  previous: { version: number; hash: string } | null;
}

/**
 * The approval's freeze, in the transaction that records the approval: the proposal becomes the
 * approved scope with the next version number and its hash, the scope it replaces becomes
 * superseded, and the audit trail says so. Authorize reads the approved row from the commit on.
 * No proposal: nothing changes (a system approved without one keeps no scope, or its old one).
 */
export async function freezeScopeProposal(
  m: EntityManager,
  input: { aiSystemId: string; materialChangeId: string | null; approvalRound: number | null; now: Date },
): Promise<FrozenScope | null> {
  const [proposal]: ProposalRow[] = await m.query(
    `SELECT id, data_categories, tools, decisions, autonomy FROM ai_system_scopes
      WHERE ai_system_id = $1 AND status = 'proposed' AND material_change_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE`,
    [input.aiSystemId, input.materialChangeId],
  );
  if (!proposal) return null;
  const [previous]: Array<{ id: string; version: number; content_hash: string }> = await m.query(
    `SELECT id, version, content_hash FROM ai_system_scopes WHERE ai_system_id = $1 AND status = 'approved' FOR UPDATE`,
    [input.aiSystemId],
  );
  const [{ next }]: Array<{ next: number }> = await m.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM ai_system_scopes WHERE ai_system_id = $1`, [input.aiSystemId]);
  const scope = normalizeScope(asScope(proposal));
  const hash = scopeContentHash(input.aiSystemId, next, scope);
  if (previous) await m.query(`UPDATE ai_system_scopes SET status = 'superseded', superseded_at = $2, updated_at = $2 WHERE id = $1`, [previous.id, input.now]);
  await m.query(
    `UPDATE ai_system_scopes SET status = 'approved', version = $2, content_hash = $3, approval_round = $4, approved_at = $5, updated_at = $5,
       data_categories = $6, tools = $7, decisions = $8 WHERE id = $1`,
    [proposal.id, next, hash, input.approvalRound, input.now, JSON.stringify(scope.dataCategories), JSON.stringify(scope.tools), JSON.stringify(scope.decisions)],
  );
  const prior = previous ? { version: previous.version, hash: previous.content_hash } : null;
  await audit(
    m,
    input.aiSystemId,
    'scope.approved',
    null,
    { scopeId: proposal.id, version: next, hash, scope, materialChangeId: input.materialChangeId, approvalRound: input.approvalRound, supersedes: prior },
    input.now,
  );
  return { id: proposal.id, version: next, hash, scope, previous: prior };
}

/** A proposal whose change or system did not pass: closed, with the reason in the trail. */
export async function closeScopeProposal(
  m: EntityManager,
  input: { aiSystemId: string; materialChangeId: string | null; status: 'rejected' | 'returned'; now: Date },
): Promise<boolean> {
  // TypeORM answers an UPDATE ... RETURNING on PostgreSQL as [rows, affected].
  const [rows]: [Array<{ id: string }>, number] = await m.query(
    `UPDATE ai_system_scopes SET status = $3, updated_at = $4
      WHERE ai_system_id = $1 AND status = 'proposed' AND material_change_id IS NOT DISTINCT FROM $2::uuid RETURNING id`,
    [input.aiSystemId, input.materialChangeId, input.status, input.now],
  );
  if (!rows.length) return false;
  await audit(m, input.aiSystemId, 'scope.proposal_closed', null, { proposalId: rows[0].id, materialChangeId: input.materialChangeId, status: input.status }, input.now);
  return true;
}
