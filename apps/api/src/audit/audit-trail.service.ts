import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditChainVerification, verifyAuditChain } from '@aigov/persistence/audit-chain';
import { AuditEventEntity } from '@aigov/persistence/entities';

export interface AuditEventView {
  streamId: string;
  seq: number;
  eventType: string;
  actorId: string | null;
  actorLabel: string | null;
  payload: unknown;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

const toView = (e: AuditEventEntity): AuditEventView => ({
  streamId: e.streamId,
  seq: e.seq,
  eventType: e.eventType,
  actorId: e.actorId,
  actorLabel: e.actorLabel,
  payload: e.payload,
  occurredAt: new Date(e.occurredAt).toISOString(),
  prevHash: e.prevHash,
  hash: e.hash,
});

/** Merges verifications of several streams into one answer naming the first break found. */
function combine(results: AuditChainVerification[]): AuditChainVerification {
  const broken = results.find((r) => !r.ok);
  return {
    ok: !broken,
    streams: results.reduce((n, r) => n + r.streams, 0),
    events: results.reduce((n, r) => n + r.events, 0),
    ...(broken?.firstBroken ? { firstBroken: broken.firstBroken } : {}),
  };
}

/**
 * A system's trail spans its lifecycle stream and one stream per approval round; each is its
 * own hash chain, verified on every read so an auditor sees tampering where it happened.
 */
@Injectable()
export class AuditTrailService {
  constructor(private readonly dataSource: DataSource) {}

  async forSystem(aiSystemId: string): Promise<{ aiSystemId: string; events: AuditEventView[]; verification: AuditChainVerification }> {
    const events = await this.dataSource.getRepository(AuditEventEntity).find({
      where: { aiSystemId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
    const streams = [...new Set(events.map((e) => e.streamId))].sort();
    const verification = combine(await Promise.all(streams.map((streamId) => verifyAuditChain(this.dataSource, { streamId }))));
    return { aiSystemId, events: events.map(toView), verification };
  }

  verifyAll(): Promise<AuditChainVerification> {
    return verifyAuditChain(this.dataSource);
  }
}
