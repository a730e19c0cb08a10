import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { ControlHealthInput, KindEvidence, ManualControlEvidence, OpenPdcaItem } from '@aigov/domain/evidence/control-health';
import type { CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import { EVIDENCE_KINDS, EvidenceKind, EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
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

/** What control health needs of one system, beyond the evidence map and the time. */
export type SystemHealthFacts = Pick<ControlHealthInput, 'evidence' | 'cadences' | 'openItems' | 'overdueReview' | 'lastReviewFailedItems' | 'manual'> & {
  id: string;
  name: string;
};

/**
 * Evidence derived from what the engine records: pages of items per kind (newest first), and
 * the per-system facts control health is computed from, read in a few grouped queries for one
 * system or for all of them.
 */
@Injectable()
export class EvidenceQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVIDENCE_MAP) private readonly map: EvidenceMap,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

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

  /** Per kind: how many items and the newest, per system (system-scoped kinds) and for the organisation. */
  async summaries(aiSystemId?: string): Promise<{ bySystem: Map<string, Summary>; organisation: Summary }> {
    const bySystem = new Map<string, Summary>();
    const organisation: Summary = {};
    await Promise.all(
      // manual evidence is counted per control (manualEvidence), not per kind
      EVIDENCE_KINDS.filter((kind) => kind !== 'manual_evidence').map(async (kind) => {
        const organisationWide = this.scopeOf(kind) === 'organisation';
        const rows: Array<{ ai_system_id: string | null; n: number; latest: Date | null }> = await this.dataSource.query(
          `SELECT ${organisationWide ? 'NULL::uuid' : 's.ai_system_id'} AS ai_system_id, count(*)::int AS n, max(s.occurred_at) AS latest
             FROM (${EVIDENCE_SOURCES[kind]}) s
            ${!organisationWide && aiSystemId ? 'WHERE s.ai_system_id = $1' : ''}
            ${organisationWide ? '' : 'GROUP BY s.ai_system_id'}`,
          !organisationWide && aiSystemId ? [aiSystemId] : [],
        );
        for (const row of rows) {
          const evidence = { count: row.n, latestAt: row.latest ? new Date(row.latest).getTime() : null };
          if (organisationWide) {
            if (row.n > 0) organisation[kind] = evidence;
          } else if (row.ai_system_id) {
            bySystem.set(row.ai_system_id, { ...bySystem.get(row.ai_system_id), [kind]: evidence });
          }
        }
      }),
    );
    return { bySystem, organisation };
  }

  /**
   * Current manual evidence per control: every control an item names (the same list for every system), and per
   * AI system and organisation-wide (null) how many items, the newest and the latest expiry.
   */
  async manualEvidence(aiSystemId?: string): Promise<{ controls: Array<{ framework: CatalogFramework; ref: string }>; bySystem: Map<string | null, Record<string, ManualControlEvidence>> }> {
    const [controls, rows] = await Promise.all([
      this.dataSource.query<Array<{ framework: CatalogFramework; ref: string }>>(
        `SELECT DISTINCT c->>'framework' AS framework, c->>'ref' AS ref
           FROM manual_evidence e CROSS JOIN LATERAL jsonb_array_elements(e.controls) c WHERE e.status = 'current' ORDER BY 1, 2`,
      ),
      this.dataSource.query<Array<{ ai_system_id: string | null; framework: CatalogFramework; ref: string; n: number; latest: Date; expires: Date }>>(
        `SELECT s.sid AS ai_system_id, c->>'framework' AS framework, c->>'ref' AS ref, count(*)::int AS n, max(e.updated_at) AS latest, max(e.expires_at) AS expires
           FROM manual_evidence e LEFT JOIN LATERAL unnest(e.ai_system_ids) AS s(sid) ON true CROSS JOIN LATERAL jsonb_array_elements(e.controls) c
          WHERE e.status = 'current' ${aiSystemId ? 'AND (s.sid = $1 OR s.sid IS NULL)' : ''}
          GROUP BY 1, 2, 3`,
        aiSystemId ? [aiSystemId] : [],
      ),
    ]);
    const bySystem = new Map<string | null, Record<string, ManualControlEvidence>>();
    for (const r of rows) {
      const of = bySystem.get(r.ai_system_id) ?? {};
      of[`${r.framework} ${r.ref}`] = { framework: r.framework, ref: r.ref, count: r.n, latestAt: new Date(r.latest).getTime(), expiresAt: new Date(r.expires).getTime() };
      bySystem.set(r.ai_system_id, of);
    }
    return { controls, bySystem };
  }

  /** Everything control health needs for one system, or for every system in the inventory. */
  async healthFacts(
    now: Date,
    aiSystemId?: string,
  ): Promise<{ systems: SystemHealthFacts[]; organisation: Summary; organisationManual: NonNullable<ControlHealthInput['manual']>; cadences: ControlHealthInput['cadences'] }> {
    const only = aiSystemId ? [aiSystemId] : [];
    const where = aiSystemId ? 'AND ai_system_id = $1' : '';
    const [systems, summaries, open, overdue, lastReviews, manual] = await Promise.all([
      this.dataSource.query<Array<{ id: string; name: string; risk_tier: string | null }>>(
        `SELECT id, name, risk_tier FROM ai_systems ${aiSystemId ? 'WHERE id = $1' : ''} ORDER BY name, id`,
        aiSystemId ? [aiSystemId] : [],
      ),
      this.summaries(aiSystemId),
      this.dataSource.query<Array<{ id: string; ai_system_id: string; kind: OpenPdcaItem['kind']; source_type: OpenPdcaItem['sourceType']; title: string }>>(
        `SELECT id, ai_system_id, kind, source_type, title FROM pdca_items
          WHERE phase <> 'closed' AND kind IN ('nonconformity', 'corrective_action') AND ai_system_id IS NOT NULL ${where}`,
        only,
      ),
      this.dataSource.query<Array<{ ai_system_id: string; due_at: Date; task_id: string | null }>>(
        `SELECT DISTINCT ON (ai_system_id) ai_system_id, due_at, task_id FROM (
           SELECT id AS ai_system_id, next_review_at AS due_at, NULL::uuid AS task_id FROM ai_systems
            WHERE stage = 'operation' AND next_review_at < $1 ${aiSystemId ? 'AND id = $2' : ''}
           UNION ALL
           SELECT ai_system_id, due_at, id FROM tasks WHERE kind = 'review' AND status = 'open' AND due_at < $1 AND ai_system_id IS NOT NULL ${aiSystemId ? 'AND ai_system_id = $2' : ''}
         ) o ORDER BY ai_system_id, due_at`,
        [now, ...only],
      ),
      this.dataSource.query<Array<{ ai_system_id: string; id: string; checklist: Record<string, { result: string }> | null }>>(
        `SELECT DISTINCT ON (ai_system_id) ai_system_id, id, checklist FROM tasks
          WHERE kind = 'review' AND status = 'decided' AND ai_system_id IS NOT NULL ${where}
          ORDER BY ai_system_id, decided_at DESC`,
        only,
      ),
      this.manualEvidence(aiSystemId),
    ]);
    const organisationManual = manual.bySystem.get(null) ?? {};
    /** a system's manual evidence: its own items and the organisation-wide ones, per control */
    const manualOf = (id: string): Record<string, ManualControlEvidence> => {
      const merged: Record<string, ManualControlEvidence> = { ...organisationManual };
      for (const [key, e] of Object.entries(manual.bySystem.get(id) ?? {})) {
        const o = merged[key];
        merged[key] = o
          ? { ...e, count: o.count + e.count, latestAt: Math.max(o.latestAt ?? 0, e.latestAt ?? 0), expiresAt: Math.max(o.expiresAt, e.expiresAt) }
          : e;
      }
      return merged;
    };
    const cadences = (tier: string | null): ControlHealthInput['cadences'] => ({
      tier_review: (tier && this.policy.tiers[tier as ApprovableRiskTier]?.review.cadence) || null,
      management_review: this.policy.managementReview?.cadence ?? null,
      internal_audit: this.policy.internalAudit?.cadence ?? null,
    });
    const overdueOf = new Map(overdue.map((o) => [o.ai_system_id, o]));
    const lastReviewOf = new Map(lastReviews.map((r) => [r.ai_system_id, r]));
    const openOf = new Map<string, OpenPdcaItem[]>();
    for (const o of open) openOf.set(o.ai_system_id, [...(openOf.get(o.ai_system_id) ?? []), { id: o.id, kind: o.kind, sourceType: o.source_type, title: o.title }]);
    return {
      organisation: summaries.organisation,
      organisationManual: { controls: manual.controls, evidence: organisationManual },
      cadences: cadences(null),
      systems: systems.map((s) => {
        const review = overdueOf.get(s.id);
        const last = lastReviewOf.get(s.id);
        const failed = Object.entries(last?.checklist ?? {}).filter(([, answer]) => answer?.result === 'fail').map(([item]) => item);
        return {
          id: s.id,
          name: s.name,
          evidence: { ...summaries.bySystem.get(s.id), ...summaries.organisation },
          cadences: cadences(s.risk_tier),
          openItems: openOf.get(s.id) ?? [],
          overdueReview: review ? { dueAt: new Date(review.due_at).getTime(), taskId: review.task_id } : null,
          lastReviewFailedItems: last && failed.length ? { taskId: last.id, items: failed } : null,
          manual: { controls: manual.controls, evidence: manualOf(s.id) },
        };
      }),
    };
  }
}
