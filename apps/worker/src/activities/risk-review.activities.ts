import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import type { RiskDueForReview, RiskReviewActivities as Contract } from '@aigov/workflows/risk-review.contracts';

/** The database side of risk review reminders (see workflows/src/risk-review.workflow.ts). */
@Injectable()
export class RiskReviewActivities implements Contract {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async findRisksDueForReview({ dueBefore, limit }: { dueBefore: string; limit: number }): Promise<RiskDueForReview[]> {
    const rows: Array<{ id: string; title: string; owner_id: string; next_review_at: Date; rating: string | null }> = await this.dataSource.query(
      `SELECT id, title, owner_id, next_review_at, COALESCE(residual_rating, inherent_rating) AS rating FROM risks
        WHERE status <> 'closed' AND next_review_at IS NOT NULL AND next_review_at <= $1
          AND (review_reminded_for IS NULL OR review_reminded_for <> next_review_at)
        ORDER BY next_review_at, id LIMIT $2`,
      [dueBefore, limit],
    );
    return rows.map((r) => ({ riskId: r.id, title: r.title, ownerId: r.owner_id, nextReviewAt: new Date(r.next_review_at).toISOString(), currentRating: r.rating }));
  }

  async markRiskReviewReminded({ riskId, nextReviewAt }: { riskId: string; nextReviewAt: string }): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const stamped: unknown[] = await tx.query(
        `UPDATE risks SET review_reminded_for = next_review_at WHERE id = $1 AND next_review_at = $2
           AND (review_reminded_for IS NULL OR review_reminded_for <> next_review_at) RETURNING id`,
        [riskId, nextReviewAt],
      );
      // pg returns [rows, count] for UPDATE ... RETURNING through TypeORM's query
      const rows = Array.isArray(stamped[0]) ? (stamped[0] as unknown[]) : stamped;
      if (!rows.length) return false;
      await appendNextAuditEvent(tx, {
        streamId: `risk:${riskId}`,
        eventType: 'risk.review_reminded',
        actorId: null,
        actorLabel: 'risk-review-scan',
        payload: { nextReviewAt },
        occurredAt: this.clock.now(),
      });
      return true;
    });
  }
}
