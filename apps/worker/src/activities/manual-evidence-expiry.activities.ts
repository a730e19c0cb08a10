import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { ManualEvidenceNotice, manualEvidenceNoticeDue } from '@aigov/domain/evidence/manual-evidence';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import type {
  ManualEvidenceClaim,
  ManualEvidenceExpiryActivities as Contract,
  ManualEvidenceNoticeDue,
  ManualEvidenceScanCursor,
} from '@aigov/workflows/manual-evidence-expiry.contracts';

interface Row {
  id: string;
  title: string;
  owner_id: string;
  status: 'current' | 'withdrawn';
  expires_at: Date;
  reminded_for: Date | null;
  escalated_for: Date | null;
}

const STAMP: Record<ManualEvidenceNotice, { column: 'reminded_for' | 'escalated_for'; eventType: string }> = {
  remind_owner: { column: 'reminded_for', eventType: 'manual_evidence.expiry_reminded' },
  escalate: { column: 'escalated_for', eventType: 'manual_evidence.expiry_escalated' },
};

const ms = (d: Date | null) => (d ? new Date(d).getTime() : null);

/** The database side of manual evidence expiry notices (see workflows/src/manual-evidence-expiry.workflow.ts). */
@Injectable()
export class ManualEvidenceExpiryActivities implements Contract {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async findManualEvidenceNoticesDue(input: {
    now: string;
    remindBefore: string;
    after: ManualEvidenceScanCursor | null;
    limit: number;
  }): Promise<{ due: ManualEvidenceNoticeDue[]; next: ManualEvidenceScanCursor | null }> {
    const now = new Date(input.now).getTime();
    const remindUntil = new Date(now + isoDurationToApproxMs(input.remindBefore)).toISOString();
    // The SQL narrows to candidates (ix_manual_evidence_expiry); manualEvidenceNoticeDue decides.
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, title, owner_id, status, expires_at, reminded_for, escalated_for FROM manual_evidence
        WHERE status = 'current' AND expires_at <= $1
          AND (reminded_for IS DISTINCT FROM expires_at OR escalated_for IS DISTINCT FROM expires_at)
          AND ($2::timestamptz IS NULL OR (expires_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY expires_at, id LIMIT $4`,
      [remindUntil, input.after?.expiresAt ?? null, input.after?.id ?? null, input.limit],
    );
    const due: ManualEvidenceNoticeDue[] = [];
    for (const r of rows) {
      const expiresAt = new Date(r.expires_at).getTime();
      const notice = manualEvidenceNoticeDue({ status: r.status, expiresAt, remindedFor: ms(r.reminded_for), escalatedFor: ms(r.escalated_for) }, now, input.remindBefore);
      if (notice) due.push({ evidenceId: r.id, title: r.title, ownerId: r.owner_id, expiresAt: new Date(expiresAt).toISOString(), notice });
    }
    const last = rows[rows.length - 1];
    return { due, next: rows.length < input.limit ? null : { expiresAt: new Date(last.expires_at).toISOString(), id: last.id } };
  }

  async claimManualEvidenceNotice(input: { evidenceId: string; expiresAt: string; notice: ManualEvidenceNotice; now: string; remindBefore: string }): Promise<ManualEvidenceClaim> {
    const { column, eventType } = STAMP[input.notice];
    return this.dataSource.transaction(async (tx) => {
      const [row]: Row[] = await tx.query(
        `SELECT id, title, owner_id, status, expires_at, reminded_for, escalated_for FROM manual_evidence WHERE id = $1 FOR UPDATE`,
        [input.evidenceId],
      );
      if (!row || new Date(row.expires_at).getTime() !== new Date(input.expiresAt).getTime()) return 'gone'; // replaced with a new expiry date
      if (row.status === 'current' && ms(row[column]) === new Date(input.expiresAt).getTime()) return 'already';
      const due = manualEvidenceNoticeDue(
        { status: row.status, expiresAt: new Date(row.expires_at).getTime(), remindedFor: ms(row.reminded_for), escalatedFor: ms(row.escalated_for) },
        new Date(input.now).getTime(),
        input.remindBefore,
      );
      if (due !== input.notice) return 'gone';
      // Only matches while this notice is unsent for this expiry date; through TypeORM an
      // UPDATE ... RETURNING answers [rows, rowCount].
      const [stamped] = (await tx.query(
        `UPDATE manual_evidence SET ${column} = expires_at
          WHERE id = $1 AND status = 'current' AND expires_at = $2 AND ${column} IS DISTINCT FROM expires_at RETURNING id`,
        [input.evidenceId, input.expiresAt],
      )) as [Array<{ id: string }>, number];
      if (!stamped.length) return 'already';
      await appendNextAuditEvent(tx, {
        streamId: `manual-evidence:${input.evidenceId}`,
        eventType,
        actorId: null,
        actorLabel: 'manual-evidence-expiry-scan',
        payload: { expiresAt: input.expiresAt, ownerId: row.owner_id },
        occurredAt: this.clock.now(),
      });
      return 'claimed';
    });
  }
}
