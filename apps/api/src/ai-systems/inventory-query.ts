import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { allows } from '@aigov/domain/access/access';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { RISK_TIERS } from '@aigov/domain/risk-tier';
import { AiSystemEntity } from '@aigov/persistence/entities';
import type { UserPrincipal } from '../auth/principal';
import type { AiSystemSort, ExportAiSystemsQuery } from './dto/list-ai-systems.query';

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

/** The SQL each sort orders by; stage and tier by their place in the lifecycle and in severity. */
const SORT_COLUMNS: Record<AiSystemSort, string> = {
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
  name: 'lower(s.name)',
  stage: `array_position(${list(LIFECYCLE_STAGES)}, s.stage)`,
  riskTier: `array_position(${list(RISK_TIERS)}, s.risk_tier)`,
  businessUnit: 'lower(s.business_unit)',
  stageEnteredAt: 's.stage_entered_at',
  nextReviewAt: 's.next_review_at',
};

/** The newest first for the timestamps of change; everything else from A, first stage, lowest tier, soonest date. */
export function defaultOrder(sort: AiSystemSort): 'asc' | 'desc' {
  return sort === 'createdAt' || sort === 'updatedAt' ? 'desc' : 'asc';
}

/**
 * The inventory as the caller may see it, filtered and sorted: GET /ai-systems pages it, the CSV
 * export streams all of it, so both always show the same systems in the same order. Oversight
 * roles see every system; others the ones they own or registered. Ties break by id, so pages
 * neither repeat nor skip a system.
 */
export function inventoryQuery(dataSource: DataSource, q: ExportAiSystemsQuery, me: UserPrincipal, now: Date): SelectQueryBuilder<AiSystemEntity> {
  const qb = dataSource.getRepository(AiSystemEntity).createQueryBuilder('s');
  if (q.stage) qb.andWhere('s.stage = :stage', { stage: q.stage });
  if (q.riskTier === 'none') qb.andWhere('s.risk_tier IS NULL');
  else if (q.riskTier) qb.andWhere('s.risk_tier = :riskTier', { riskTier: q.riskTier });
  if (q.ownerId) qb.andWhere('s.accountable_owner_id = :ownerId', { ownerId: q.ownerId });
  if (q.businessUnit) qb.andWhere('s.business_unit = :bu', { bu: q.businessUnit });
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb.andWhere('(s.name ILIKE :pattern OR s.purpose ILIKE :pattern)', { pattern });
  }
  if (q.reviewOverdue === 'true') {
    // the same rule as the dashboard's and the stage report's overdue reviews
    qb.andWhere(
      `((s.stage = 'operation' AND s.next_review_at < :now)
        OR EXISTS (SELECT 1 FROM tasks t WHERE t.ai_system_id = s.id AND t.kind = 'review' AND t.status = 'open' AND t.due_at < :now))`,
      { now },
    );
  }
  if (!allows(me, 'ai_system.list_all')) qb.andWhere('(s.accountable_owner_id = :me OR s.created_by_id = :me)', { me: me.id });
  const sort = q.sort ?? 'createdAt';
  const order = (q.order ?? defaultOrder(sort)) === 'asc' ? 'ASC' : 'DESC';
  return qb.orderBy(SORT_COLUMNS[sort], order, 'NULLS LAST').addOrderBy('s.id', 'ASC');
}
