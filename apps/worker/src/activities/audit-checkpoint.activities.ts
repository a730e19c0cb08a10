import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@aigov/config/app-config';
import { APP_CONFIG } from '@aigov/config/config.module';
import { Clock } from '@aigov/config/clock';
import { checkpointPublicKey, signCheckpoint } from '@aigov/persistence/audit-checkpoint';
import type { AuditCheckpointActivities as Contract, AuditCheckpointRunResult } from '@aigov/workflows/audit-checkpoint.contracts';

/** Streams read and checkpointed per statement. */
const BATCH = 1_000;

interface HeadRow {
  stream_id: string;
  seq: number;
  hash: string;
  /** the stream's newest checkpoint, if any */
  checkpoint_seq: number | null;
  checkpoint_hash: string | null;
  checkpoint_key_id: string | null;
  /** the hash of the event at checkpoint_seq now (null: that event is gone) */
  hash_at_checkpoint: string | null;
}

/**
 * Reads every stream's head in keyset batches (a skip scan over the (stream_id, seq) unique
 * index, so the cost follows the number of streams, not events) beside its newest checkpoint
 * and the event that checkpoint named.
 */
const HEADS = `
  WITH RECURSIVE streams AS (
    (SELECT stream_id FROM audit_events WHERE stream_id > $1 ORDER BY stream_id LIMIT 1)
    UNION ALL
    SELECT (SELECT e.stream_id FROM audit_events e WHERE e.stream_id > s.stream_id ORDER BY e.stream_id LIMIT 1)
      FROM streams s WHERE s.stream_id IS NOT NULL
  )
  SELECT s.stream_id, head.seq, head.hash, c.head_seq AS checkpoint_seq, c.head_hash AS checkpoint_hash, c.key_id AS checkpoint_key_id,
         at_checkpoint.hash AS hash_at_checkpoint
    FROM (SELECT stream_id FROM streams WHERE stream_id IS NOT NULL LIMIT $2) s
    CROSS JOIN LATERAL (SELECT seq, hash FROM audit_events e WHERE e.stream_id = s.stream_id ORDER BY seq DESC LIMIT 1) head
    LEFT JOIN LATERAL (SELECT head_seq, head_hash, key_id FROM audit_checkpoints c WHERE c.stream_id = s.stream_id ORDER BY id DESC LIMIT 1) c ON true
    LEFT JOIN audit_events at_checkpoint ON at_checkpoint.stream_id = s.stream_id AND at_checkpoint.seq = c.head_seq
   ORDER BY s.stream_id`;

/** Signs the audit streams' heads (see workflows/src/audit-checkpoint.contracts.ts). */
@Injectable()
export class AuditCheckpointActivities implements Contract {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publishAuditCheckpoints(): Promise<AuditCheckpointRunResult> {
    const key = this.config.auditCheckpointKey;
    if (!key) return { streams: 0, checkpointed: 0, regressed: [], signing: false };
    const { keyId } = checkpointPublicKey(key);
    const checkpointedAt = this.clock.now().toISOString();
    const result: AuditCheckpointRunResult = { streams: 0, checkpointed: 0, regressed: [], signing: true };
    let after = '';
    for (;;) {
      const heads: HeadRow[] = await this.dataSource.query(HEADS, [after, BATCH]);
      if (!heads.length) break;
      result.streams += heads.length;
      const rows: unknown[][] = [];
      for (const head of heads) {
        if (head.checkpoint_seq !== null) {
          // A head below its checkpoint, or another event where the checkpoint's was, is what a
          // checkpoint exists to expose: signing the shorter chain would paper over it.
          if (head.seq < head.checkpoint_seq || head.hash_at_checkpoint !== head.checkpoint_hash) {
            result.regressed.push(head.stream_id);
            continue;
          }
          if (head.seq === head.checkpoint_seq && head.checkpoint_key_id === keyId) continue;
        }
        const statement = { streamId: head.stream_id, headSeq: head.seq, headHash: head.hash, checkpointedAt };
        rows.push([head.stream_id, head.seq, head.hash, checkpointedAt, keyId, signCheckpoint(key, statement)]);
      }
      if (rows.length) {
        const values = rows.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}::timestamptz, $${i * 6 + 5}, $${i * 6 + 6})`);
        await this.dataSource.query(
          `INSERT INTO audit_checkpoints (stream_id, head_seq, head_hash, checkpointed_at, key_id, signature) VALUES ${values.join(', ')}`,
          rows.flat(),
        );
        result.checkpointed += rows.length;
      }
      after = heads[heads.length - 1].stream_id;
      if (heads.length < BATCH) break;
    }
    if (result.regressed.length) {
      this.logger.warn(`audit streams below or unlike their last checkpoint (not checkpointed again): ${result.regressed.slice(0, 20).join(', ')}`);
    }
    return result;
  }
}
