import { Inject, Injectable } from '@nestjs/common';
import { createPublicKey, KeyObject } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { APP_CONFIG } from '@aigov/config/config.module';
import { checkpointMessage, checkpointPublicKey, CheckpointPublicKey, CheckpointStatement, verifyCheckpointSignature } from '@aigov/persistence/audit-checkpoint';
import { badRequest } from '../common/api-error';
import type { AuditCheckpointsView, AuditCheckpointView, AuditVerifyQuery, CheckpointFailureView, CheckpointVerificationView } from './audit-checkpoint.view';

/** Checkpoints checked per statement, and failures listed in one answer. */
const BATCH = 2_000;
const LISTED_FAILURES = 100;

interface CheckpointRow {
  id: string;
  stream_id: string;
  head_seq: number;
  head_hash: string;
  checkpointed_at: Date;
  key_id: string;
  signature: string;
}

export interface SuppliedCheckpoint extends CheckpointStatement {
  keyId: string;
  signature: string;
}

const statementOf = (r: CheckpointRow): CheckpointStatement => ({
  streamId: r.stream_id,
  headSeq: r.head_seq,
  headHash: r.head_hash,
  checkpointedAt: new Date(r.checkpointed_at).toISOString(),
});

const SUPPLIED_FIELDS = ['streamId', 'headSeq', 'headHash', 'checkpointedAt', 'keyId', 'signature'] as const;

/**
 * Publishes the signed checkpoints of the audit streams' heads and checks the chain against
 * them: a stream whose head is below a checkpoint lost its newest events; one whose event at
 * the checkpointed seq hashes differently was rewritten; a checkpoint whose signature does not
 * verify was forged or altered.
 */
@Injectable()
export class AuditCheckpointsService {
  private readonly keys: Map<string, { published: CheckpointPublicKey; publicKey: KeyObject }>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = new Map();
    // The current key first, then retired ones, whose checkpoints keep verifying after a rotation.
    const publicKeys = [...(config.auditCheckpointKey ? [createPublicKey(config.auditCheckpointKey)] : []), ...config.auditCheckpointRetiredKeys];
    for (const publicKey of publicKeys) {
      const published = checkpointPublicKey(publicKey);
      if (!this.keys.has(published.keyId)) this.keys.set(published.keyId, { published, publicKey });
    }
  }

  async latest(page: number, pageSize: number, streamId?: string): Promise<AuditCheckpointsView> {
    const filter = streamId === undefined ? '' : 'WHERE stream_id = $3';
    const params: unknown[] = [pageSize, (page - 1) * pageSize, ...(streamId === undefined ? [] : [streamId])];
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (stream_id) id, stream_id, head_seq, head_hash, checkpointed_at, key_id, signature
         FROM audit_checkpoints ${filter} ORDER BY stream_id, id DESC LIMIT $1 OFFSET $2`,
      params,
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(DISTINCT stream_id)::int AS total FROM audit_checkpoints ${streamId === undefined ? '' : 'WHERE stream_id = $1'}`,
      streamId === undefined ? [] : [streamId],
    );
    const items: AuditCheckpointView[] = rows.map((r) => {
      const statement = statementOf(r);
      return { ...statement, keyId: r.key_id, signature: r.signature, message: checkpointMessage(statement) };
    });
    return { keys: [...this.keys.values()].map((k) => k.published), items, page, pageSize, total };
  }

  /** The checkpoint in the query, or null when none is given; a partial one is a 400 naming the missing field. */
  suppliedCheckpoint(q: AuditVerifyQuery): SuppliedCheckpoint | null {
    const given = SUPPLIED_FIELDS.filter((f) => q[f] !== undefined);
    if (given.length === 0) return null;
    const missing = SUPPLIED_FIELDS.find((f) => q[f] === undefined);
    if (missing) throw badRequest(`a checkpoint to verify against needs all of ${SUPPLIED_FIELDS.join(', ')}; ${missing} is missing`, missing);
    return { streamId: q.streamId!, headSeq: q.headSeq!, headHash: q.headHash!, checkpointedAt: q.checkpointedAt!, keyId: q.keyId!, signature: q.signature! };
  }

  /** Checks the supplied checkpoint, or every stored one, against the chain as it is now. */
  async verify(supplied: SuppliedCheckpoint | null): Promise<CheckpointVerificationView> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const failures: CheckpointFailureView[] = [];
      let failed = 0;
      let checked = 0;
      const note = (failure: CheckpointFailureView) => {
        failed += 1;
        if (failures.length < LISTED_FAILURES) failures.push(failure);
      };
      if (supplied) {
        checked = 1;
        const row: CheckpointRow = {
          id: '0',
          stream_id: supplied.streamId,
          head_seq: supplied.headSeq,
          head_hash: supplied.headHash,
          checkpointed_at: new Date(supplied.checkpointedAt),
          key_id: supplied.keyId,
          signature: supplied.signature,
        };
        await this.check(tx, [row], note);
        return { source: 'supplied', checked, failed, failures };
      }
      // Every stored checkpoint, not only the newest per stream: a forged newer one (signed by
      // another key) cannot hide what an older, genuine one says about the stream's length.
      let after = '0';
      for (;;) {
        const rows: CheckpointRow[] = await tx.query(
          `SELECT id, stream_id, head_seq, head_hash, checkpointed_at, key_id, signature FROM audit_checkpoints WHERE id > $1 ORDER BY id LIMIT $2`,
          [after, BATCH],
        );
        checked += rows.length;
        await this.check(tx, rows, note);
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1].id;
      }
      return { source: 'stored', checked, failed, failures };
    });
  }

  private async check(tx: EntityManager, rows: CheckpointRow[], note: (f: CheckpointFailureView) => void): Promise<void> {
    if (!rows.length) return;
    const genuine: CheckpointRow[] = [];
    const base = (r: CheckpointRow, currentHeadSeq: number | null = null) => ({
      ...statementOf(r),
      keyId: r.key_id,
      currentHeadSeq,
    });
    for (const r of rows) {
      const key = this.keys.get(r.key_id);
      if (!key) {
        note({ kind: 'unknown_key', ...base(r), reason: `checkpoint signed by key '${r.key_id}', which is not a published checkpoint key` });
      } else if (!verifyCheckpointSignature(key.publicKey, statementOf(r), r.signature)) {
        note({ kind: 'bad_signature', ...base(r), reason: `the checkpoint's signature does not verify with key '${r.key_id}': it was altered or forged` });
      } else {
        genuine.push(r);
      }
    }
    if (!genuine.length) return;
    const found: Array<{ stream_id: string; head_seq: number | null; hash_at: string | null }> = await tx.query(
      `SELECT x.stream_id, x.seq,
              (SELECT max(e.seq) FROM audit_events e WHERE e.stream_id = x.stream_id) AS head_seq,
              (SELECT e.hash FROM audit_events e WHERE e.stream_id = x.stream_id AND e.seq = x.seq) AS hash_at
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS x(stream_id, seq, n) ORDER BY x.n`,
      [genuine.map((r) => r.stream_id), genuine.map((r) => r.head_seq)],
    );
    genuine.forEach((r, i) => {
      const { head_seq: headSeq, hash_at: hashAt } = found[i];
      if (headSeq === null || headSeq < r.head_seq) {
        const now = headSeq === null ? 'has no events at all' : `ends at seq ${headSeq}`;
        note({
          kind: 'truncated',
          ...base(r, headSeq),
          reason: `stream truncated: the checkpoint of ${statementOf(r).checkpointedAt} says it had ${r.head_seq} events, but it now ${now} (its newest events were deleted)`,
        });
      } else if (hashAt !== r.head_hash) {
        note({
          kind: 'rewritten',
          ...base(r, headSeq),
          reason: `the event at seq ${r.head_seq} hashes to ${hashAt}, not ${r.head_hash} as checkpointed: the stream was rewritten from there back`,
        });
      }
    });
  }
}
