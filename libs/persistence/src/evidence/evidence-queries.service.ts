import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { ControlHealthInput, KindEvidence, ManualControlEvidence, mergeManualEvidence, OpenPdcaItem } from '@aigov/domain/evidence/control-health';
import type { CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import type { EvidenceKind, EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import type { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import { EVIDENCE_MAP } from '@aigov/config/evidence-map.loader';
import { EVIDENCE_SOURCES, evidenceLink } from './evidence-sources';

export interface EvidenceItem {
  kind: EvidenceKind;
  id: string;
  aiSystemId: string | null;
  title: string;
  occurredAt: Date | null;
  link: string;
}

type Summary = Partial<Record<EvidenceKind, KindEvidence>>;
/** The pool, or one connection's transaction (whose statements then run one after another). */
type Queryable = Pick<EntityManager, 'query'>;
type ManualRow = { framework: CatalogFramework; ref: string; n: number; latest: Date; expires: Date };

const rows = <T>(m: Queryable, sql: string, params?: unknown[]): Promise<T[]> => m.query(sql, params);

/** Statements at once on the pool; one after another on a transaction's one connection (which cannot run two at a time). */
export function statements<T extends readonly unknown[]>(m: Queryable, run: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(m as Partial<EntityManager>).queryRunner) return Promise.all(run.map((statement) => statement())) as unknown as Promise<T>;
  return (async () => {
    const results: unknown[] = [];
    for (const statement of run) results.push(await statement());
    return results as unknown as T;
  })();
}

/** Manual evidence per control, keyed 'framework ref'. */
function manualOf(rows: readonly ManualRow[]): Record<string, ManualControlEvidence> {
  const of: Record<string, ManualControlEvidence> = {};
  for (const r of rows) of[`${r.framework} ${r.ref}`] = { framework: r.framework, ref: r.ref, count: r.n, latestAt: new Date(r.latest).getTime(), expiresAt: new Date(r.expires).getTime() };
  return of;
}

/** The organisation-wide evidence: it counts for every system alike. */
export interface OrganisationEvidence {
  /** the organisation-scoped kinds */
  evidence: Summary;
  /** manual evidence naming no system, per control */
  manual: Record<string, ManualControlEvidence>;
  /** every control any current manual item names (the same list for every system) */
  manualControls: Array<{ framework: CatalogFramework; ref: string }>;
}

/** What control health needs of one system, beyond the evidence map and the time. */
export type SystemHealthFacts = Pick<ControlHealthInput, 'evidence' | 'cadences' | 'openItems' | 'overdueReview' | 'upcomingReviewAt' | 'lastReviewFailedItems' | 'manual'> & {
  id: string;
  name: string;
  /** the system's own evidence, without the organisation-wide evidence it also counts */
  own: { evidence: Summary; manual: Record<string, ManualControlEvidence> };
};

/**
 * Evidence derived from what the engine records: pages of items per kind (newest first), and
 * the facts control health is computed from, read in a few grouped statements for one system
 * or a batch of them.
 */
@Injectable()
export class EvidenceQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVIDENCE_MAP) private readonly map: EvidenceMap,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  /** Queries outside any transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The policy cadences that size freshness, for a system of `tier` (null: the organisation's own). */
  cadencesOf(tier: string | null): ControlHealthInput['cadences'] {
    return {
      tier_review: (tier && this.policy.tiers[tier as ApprovableRiskTier]?.review.cadence) || null,
      management_review: this.policy.managementReview?.cadence ?? null,
      internal_audit: this.policy.internalAudit?.cadence ?? null,
    };
  }

  private scopeOf(kind: EvidenceKind) {
    return this.map.kinds.find((k) => k.kind === kind)?.scope ?? 'ai_system';
  }

  /**
   * Items of the given kinds, newest first; `aiSystemId` narrows the system-scoped kinds (organisation-wide kinds
   * stay whole; organisation-wide manual evidence counts for every system), `control` narrows manual evidence to
   * the items naming that control.
   */
  async items(
    kinds: readonly EvidenceKind[],
    opts: { aiSystemId?: string; control?: { framework: CatalogFramework; ref: string }; limit: number; offset: number },
  ): Promise<{ items: EvidenceItem[]; total: number }> {
    if (kinds.length === 0) return { items: [], total: 0 };
    // the system's id is a parameter only when a system-scoped kind is narrowed by it
    const narrow = opts.aiSystemId !== undefined && kinds.some((kind) => this.scopeOf(kind) === 'ai_system');
    const byControl = opts.control !== undefined && kinds.includes('manual_evidence');
    const first: unknown[] = [...(narrow ? [opts.aiSystemId] : []), ...(byControl ? [JSON.stringify([{ framework: opts.control!.framework, ref: opts.control!.ref }])] : [])];
    const where = (kind: EvidenceKind) => {
      const conditions: string[] = [];
      if (narrow && this.scopeOf(kind) === 'ai_system') conditions.push(kind === 'manual_evidence' ? '(s.ai_system_id = $1 OR s.ai_system_id IS NULL)' : 's.ai_system_id = $1');
      if (byControl && kind === 'manual_evidence') conditions.push(`s.id IN (SELECT m.id::text FROM manual_evidence m WHERE m.controls @> $${narrow ? 2 : 1}::jsonb)`);
      return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    };
    const union = kinds.map((kind) => `SELECT '${kind}'::text AS kind, s.* FROM (${EVIDENCE_SOURCES[kind]}) s` + where(kind)).join(' UNION ALL ');
    const n = first.length;
    const [rows, counted] = await Promise.all([
      this.dataSource.query<Array<{ kind: EvidenceKind; id: string; ai_system_id: string | null; title: string; occurred_at: Date | null }>>(
        `SELECT * FROM (${union}) u ORDER BY u.occurred_at DESC NULLS LAST, u.kind, u.id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...first, opts.limit, opts.offset],
      ),
      this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM (${union}) u`, first),
    ]);
    return {
      items: rows.map((r) => ({ kind: r.kind, id: r.id, aiSystemId: r.ai_system_id, title: r.title, occurredAt: r.occurred_at, link: evidenceLink(r.kind, r.id, r.ai_system_id) })),
      total: counted[0]?.total ?? 0,
    };
  }

  /**
   * The newest items of each kind (at most `perKind`), with system-scoped kinds narrowed to one
   * system and organisation-wide kinds whole, in one statement: what a system's controls list.
   */
  async newestPerKind(kinds: readonly EvidenceKind[], aiSystemId: string, perKind: number): Promise<Map<EvidenceKind, EvidenceItem[]>> {
    const byKind = new Map<EvidenceKind, EvidenceItem[]>(kinds.map((k) => [k, []]));
    if (kinds.length === 0) return byKind;
    const union = kinds
      .map((kind) => `SELECT '${kind}'::text AS kind, s.id, s.ai_system_id, s.title, s.occurred_at FROM (${EVIDENCE_SOURCES[kind]}) s` + (this.scopeOf(kind) === 'ai_system' ? ' WHERE s.ai_system_id = $1' : ''))
      .join(' UNION ALL ');
    const rows: Array<{ kind: EvidenceKind; id: string; ai_system_id: string | null; title: string; occurred_at: Date | null }> = await this.dataSource.query(
      `SELECT kind, id, ai_system_id, title, occurred_at FROM (
         SELECT u.*, row_number() OVER (PARTITION BY u.kind ORDER BY u.occurred_at DESC NULLS LAST, u.id) AS rn FROM (${union}) u
       ) ranked WHERE rn <= $2 ORDER BY kind, rn`,
      [aiSystemId, perKind],
    );
    for (const r of rows) byKind.get(r.kind)!.push({ kind: r.kind, id: r.id, aiSystemId: r.ai_system_id, title: r.title, occurredAt: r.occurred_at, link: evidenceLink(r.kind, r.id, r.ai_system_id) });
    return byKind;
  }

  /**
   * The newest manual evidence of one system (its own items and the organisation-wide ones) per
   * control the items name (at most `perControl`), keyed 'framework ref', in one statement.
   */
  async newestManualPerControl(aiSystemId: string, perControl: number): Promise<Map<string, EvidenceItem[]>> {
    // Few items name any one system, so all of them are read with their controls and ranked here. Ranked in
    // SQL (a window over the items joined to their controls), the estimate went past PostgreSQL's JIT
    // threshold and every lookup paid for compiling the query: 400-600 ms.
    const rows: Array<{ id: string; ai_system_id: string | null; title: string; occurred_at: Date | null; controls: Array<{ framework: string; ref: string }> }> = await this.dataSource.query(
      `SELECT s.id, s.ai_system_id, s.title, s.occurred_at, m.controls
         FROM (${EVIDENCE_SOURCES.manual_evidence}) s JOIN manual_evidence m ON m.id = s.id::uuid
        WHERE s.ai_system_id = $1 OR s.ai_system_id IS NULL`,
      [aiSystemId],
    );
    const newestFirst = (x: { occurredAt: Date | null; id: string }, y: { occurredAt: Date | null; id: string }) => {
      const [a, b] = [x.occurredAt ? new Date(x.occurredAt).getTime() : null, y.occurredAt ? new Date(y.occurredAt).getTime() : null];
      if (a !== b) return a === null ? 1 : b === null ? -1 : b - a;
      return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    };
    const byControl = new Map<string, EvidenceItem[]>();
    for (const r of rows) {
      const item = { kind: 'manual_evidence' as const, id: r.id, aiSystemId: r.ai_system_id, title: r.title, occurredAt: r.occurred_at, link: evidenceLink('manual_evidence', r.id, r.ai_system_id) };
      for (const c of r.controls) {
        const key = `${c.framework} ${c.ref}`;
        byControl.set(key, [...(byControl.get(key) ?? []), item]);
      }
    }
    for (const [key, items] of byControl) byControl.set(key, items.sort(newestFirst).slice(0, perControl));
    return byControl;
  }

  /** The organisation-wide evidence every system counts: the organisation's kinds, manual evidence naming no system, and the controls manual evidence names. */
  async organisationEvidence(m: Queryable = this.dataSource.manager): Promise<OrganisationEvidence> {
    const kinds = this.map.kinds.filter((k) => k.scope === 'organisation' && k.kind !== 'manual_evidence').map((k) => k.kind);
    const [counted, manual, manualControls] = await statements(m, [
      () =>
        kinds.length
          ? rows<{ kind: EvidenceKind; n: number; latest: Date | null }>(
              m,
              kinds.map((kind) => `SELECT '${kind}'::text AS kind, count(*)::int AS n, max(s.occurred_at) AS latest FROM (${EVIDENCE_SOURCES[kind]}) s`).join(' UNION ALL '),
            )
          : Promise.resolve([]),
      () =>
        rows<ManualRow>(
          m,
          `SELECT c->>'framework' AS framework, c->>'ref' AS ref, count(*)::int AS n, max(e.updated_at) AS latest, max(e.expires_at) AS expires
             FROM manual_evidence e CROSS JOIN LATERAL jsonb_array_elements(e.controls) c
            WHERE e.status = 'current' AND cardinality(e.ai_system_ids) = 0
            GROUP BY 1, 2`,
        ),
      () =>
        rows<{ framework: CatalogFramework; ref: string }>(
          m,
          `SELECT DISTINCT c->>'framework' AS framework, c->>'ref' AS ref
             FROM manual_evidence e CROSS JOIN LATERAL jsonb_array_elements(e.controls) c WHERE e.status = 'current' ORDER BY 1, 2`,
        ),
    ]);
    const evidence: Summary = {};
    for (const row of counted) if (row.n > 0) evidence[row.kind] = { count: row.n, latestAt: row.latest ? new Date(row.latest).getTime() : null };
    return { evidence, manual: manualOf(manual), manualControls };
  }

  /**
   * Everything control health needs of the given systems (their own evidence, and merged with
   * the organisation-wide evidence as control health takes it), in a few statements for any
   * number of systems: each narrowed by `ai_system_id = ANY($1)`.
   */
  async healthFacts(
    now: Date,
    ids: string | readonly string[],
    organisation?: OrganisationEvidence,
    m: Queryable = this.dataSource.manager,
  ): Promise<{ systems: SystemHealthFacts[]; organisation: OrganisationEvidence; cadences: ControlHealthInput['cadences'] }> {
    const only = [typeof ids === 'string' ? [ids] : [...ids]];
    const systemKinds = this.map.kinds.filter((k) => k.scope === 'ai_system' && k.kind !== 'manual_evidence').map((k) => k.kind);
    const [systems, counted, open, reviews, lastReviews, manual, shared] = await statements(m, [
      () => rows<{ id: string; name: string; risk_tier: string | null }>(m, `SELECT id, name, risk_tier FROM ai_systems WHERE id = ANY($1::uuid[]) ORDER BY id`, only),
      () =>
        systemKinds.length
          ? rows<{ kind: EvidenceKind; ai_system_id: string; n: number; latest: Date | null }>(
              m,
              systemKinds
                .map((kind) => `SELECT '${kind}'::text AS kind, s.ai_system_id, count(*)::int AS n, max(s.occurred_at) AS latest FROM (${EVIDENCE_SOURCES[kind]}) s WHERE s.ai_system_id = ANY($1::uuid[]) GROUP BY s.ai_system_id`)
                .join(' UNION ALL '),
              only,
            )
          : Promise.resolve([]),
      () =>
        rows<{ id: string; ai_system_id: string; kind: OpenPdcaItem['kind']; source_type: OpenPdcaItem['sourceType']; title: string }>(
          m,
          `SELECT id, ai_system_id, kind, source_type, title FROM pdca_items
            WHERE phase <> 'closed' AND kind IN ('nonconformity', 'corrective_action') AND ai_system_id = ANY($1::uuid[])`,
          only,
        ),
      // per system: the earliest review past due (its task, if one is open) and the earliest still to come
      () =>
        rows<{ ai_system_id: string; overdue_at: Date | null; overdue_task: string | null; upcoming_at: Date | null }>(
          m,
          `SELECT ai_system_id, min(due_at) FILTER (WHERE due_at < $2) AS overdue_at,
                  (array_agg(task_id ORDER BY due_at) FILTER (WHERE due_at < $2))[1] AS overdue_task,
                  min(due_at) FILTER (WHERE due_at >= $2) AS upcoming_at
             FROM (
               SELECT id AS ai_system_id, next_review_at AS due_at, NULL::uuid AS task_id FROM ai_systems
                WHERE stage = 'operation' AND next_review_at IS NOT NULL AND id = ANY($1::uuid[])
               UNION ALL
               SELECT ai_system_id, due_at, id FROM tasks WHERE kind = 'review' AND status = 'open' AND due_at IS NOT NULL AND ai_system_id = ANY($1::uuid[])
             ) o GROUP BY ai_system_id`,
          [...only, now],
        ),
      () =>
        rows<{ ai_system_id: string; id: string; checklist: Record<string, { result: string }> | null }>(
          m,
          `SELECT DISTINCT ON (ai_system_id) ai_system_id, id, checklist FROM tasks
            WHERE kind = 'review' AND status = 'decided' AND ai_system_id = ANY($1::uuid[])
            ORDER BY ai_system_id, decided_at DESC`,
          only,
        ),
      () =>
        rows<ManualRow & { ai_system_id: string }>(
          m,
          `SELECT s.sid AS ai_system_id, c->>'framework' AS framework, c->>'ref' AS ref, count(*)::int AS n, max(e.updated_at) AS latest, max(e.expires_at) AS expires
             FROM manual_evidence e CROSS JOIN LATERAL unnest(e.ai_system_ids) AS s(sid) CROSS JOIN LATERAL jsonb_array_elements(e.controls) c
            WHERE e.status = 'current' AND e.ai_system_ids && $1::uuid[] AND s.sid = ANY($1::uuid[])
            GROUP BY 1, 2, 3`,
          only,
        ),
      () => (organisation ? Promise.resolve(organisation) : this.organisationEvidence(m)),
    ]);
    const cadences = (tier: string | null) => this.cadencesOf(tier);
    const evidenceOf = new Map<string, Summary>();
    for (const row of counted) evidenceOf.set(row.ai_system_id, { ...evidenceOf.get(row.ai_system_id), [row.kind]: { count: row.n, latestAt: row.latest ? new Date(row.latest).getTime() : null } });
    const manualRows = new Map<string, ManualRow[]>();
    for (const row of manual) manualRows.set(row.ai_system_id, [...(manualRows.get(row.ai_system_id) ?? []), row]);
    const reviewOf = new Map(reviews.map((r) => [r.ai_system_id, r]));
    const lastReviewOf = new Map(lastReviews.map((r) => [r.ai_system_id, r]));
    const openOf = new Map<string, OpenPdcaItem[]>();
    for (const o of open) openOf.set(o.ai_system_id, [...(openOf.get(o.ai_system_id) ?? []), { id: o.id, kind: o.kind, sourceType: o.source_type, title: o.title }]);
    return {
      organisation: shared,
      cadences: cadences(null),
      systems: systems.map((s) => {
        const review = reviewOf.get(s.id);
        const last = lastReviewOf.get(s.id);
        const failed = Object.entries(last?.checklist ?? {}).filter(([, answer]) => answer?.result === 'fail').map(([item]) => item);
        const own = { evidence: evidenceOf.get(s.id) ?? {}, manual: manualOf(manualRows.get(s.id) ?? []) };
        return {
          id: s.id,
          name: s.name,
          own,
          evidence: { ...own.evidence, ...shared.evidence },
          cadences: cadences(s.risk_tier),
          openItems: openOf.get(s.id) ?? [],
          overdueReview: review?.overdue_at ? { dueAt: new Date(review.overdue_at).getTime(), taskId: review.overdue_task } : null,
          upcomingReviewAt: review?.upcoming_at ? new Date(review.upcoming_at).getTime() : null,
          lastReviewFailedItems: last && failed.length ? { taskId: last.id, items: failed } : null,
          manual: { controls: shared.manualControls, evidence: mergeManualEvidence(shared.manual, own.manual) },
        };
      }),
    };
  }
}
