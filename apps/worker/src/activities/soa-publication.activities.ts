import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { buildSoaDocument, loadSoaEntries, soaDocumentSha256 } from '@aigov/persistence/soa-document';
import { SOA_AUDIT_STREAM, SoaPublicationActivities as Contract } from '@aigov/workflows/soa-publication.contracts';

type Input = Parameters<Contract['applySoaPublicationOutcome']>[0];

/** Applies a publication round's outcome to the SoA version, in one transaction with its audit event. */
@Injectable()
export class SoaPublicationActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(CONTROL_CATALOG) private readonly catalog: ControlCatalogIndex,
  ) {}

  async applySoaPublicationOutcome({ versionId, round, outcome, reason }: Input): Promise<{ sha256: string | null }> {
    return this.dataSource.transaction(async (m) => {
      const [v] = await m.query('SELECT id, version, status, approval_round, sha256 FROM soa_versions WHERE id = $1 FOR UPDATE', [versionId]);
      if (!v) throw new Error(`SoA version ${versionId} not found`);
      // A retry after the commit, or a round no longer the version's latest: nothing left to do.
      if (v.status !== 'in_approval' || v.approval_round !== round) return { sha256: v.sha256 ?? null };
      const now = this.clock.now();
      if (outcome === 'approved') {
        const entries = await loadSoaEntries(m, versionId);
        const document = buildSoaDocument(v.version, entries, this.catalog);
        const sha256 = soaDocumentSha256(document);
        await m.query(`UPDATE soa_versions SET status = 'superseded', updated_at = $1 WHERE status = 'published'`, [now]);
        await m.query(
          `UPDATE soa_versions SET status = 'published', is_open = false, document = $2, sha256 = $3, published_at = $4, updated_at = $4 WHERE id = $1`,
          [versionId, JSON.stringify(document), sha256, now],
        );
        await appendNextAuditEvent(m, {
          streamId: SOA_AUDIT_STREAM,
          eventType: 'soa.published',
          actorId: null,
          actorLabel: 'system',
          payload: {
            versionId,
            version: v.version,
            round,
            sha256,
            applicable: entries.filter((e) => e.applicable).length,
            excluded: entries.filter((e) => !e.applicable).length,
          },
          occurredAt: now,
        });
        return { sha256 };
      }
      await m.query(`UPDATE soa_versions SET status = 'draft', last_outcome = $2, updated_at = $3 WHERE id = $1`, [versionId, JSON.stringify({ round, outcome, reason }), now]);
      await appendNextAuditEvent(m, {
        streamId: SOA_AUDIT_STREAM,
        eventType: `soa.publication_${outcome}`,
        actorId: null,
        actorLabel: 'system',
        payload: { versionId, version: v.version, round, outcome, reason },
        occurredAt: now,
      });
      return { sha256: null };
    });
  }
}
