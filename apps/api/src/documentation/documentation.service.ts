import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { allows } from '@aigov/domain/access/access';
import { buildAnnexIvDocument } from '@aigov/domain/documentation/annex-iv.document';
import type { ComplianceDocument } from '@aigov/domain/documentation/documentation-document';
import {
  DOCUMENTATION_STATEMENT_KEYS,
  DOCUMENTATION_STATEMENTS,
  DocumentationStatementKey,
  DocumentKind,
  isDocumentationStatementKey,
} from '@aigov/domain/documentation/documentation-statements';
import { buildFriaDocument } from '@aigov/domain/documentation/fria.document';
import { appendNextAuditEvent, canonicalJson } from '@aigov/persistence/audit-chain';
import { AiSystemEntity, DocumentationStatementEntity } from '@aigov/persistence/entities';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { aiSystemResource, requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/api-error';
import { peopleById } from '../common/people-by-id';
import { buildDocumentationPdf } from './documentation-pdf.util';
import { DocumentationFactsService } from './documentation-facts.service';
import { DOCUMENT_PATHS, DocumentFormat, DocumentPath, SaveStatementDto } from './documentation.dto';
import { DocumentationStatementView, DocumentationSummaryView } from './documentation.view';

/** The audit stream of a system's documentation: statements written, documents exported. */
export const documentationAuditStream = (systemId: string) => `ai-system-documentation:${systemId}`;

const BUILDERS: Record<DocumentKind, (facts: Parameters<typeof buildAnnexIvDocument>[0]) => ComplianceDocument> = {
  annex_iv: buildAnnexIvDocument,
  fria: buildFriaDocument,
};

export interface DocumentFile {
  contentType: string;
  filename: string;
  body: Buffer;
  /** SHA-256 of the bytes sent */
  sha256: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Documentation on demand for high-risk systems: the Annex IV technical documentation and the
 * fundamental rights impact assessment (Art. 27), compiled from the engine's records each time
 * they are asked for, as JSON or PDF, every section complete or listing what is missing. Every
 * download is audited with who took it and the SHA-256 of what they got; the statements that
 * complete the documents are written by the accountable owner or the governance office.
 */
@Injectable()
export class DocumentationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: AiSystemsService,
    private readonly facts: DocumentationFactsService,
    private readonly clock: Clock,
  ) {}

  async summary(systemId: string, me: UserPrincipal): Promise<DocumentationSummaryView> {
    const system = await this.readable(systemId, me);
    const statements = await this.statementViews(this.dataSource.manager, systemId);
    const canEditStatements = allows(me, 'ai_system.manage', aiSystemResource(system)) && system.stage !== 'retired';
    if (system.riskTier !== 'high') {
      return { aiSystemId: systemId, applicable: false, reason: notHighRisk(system), documents: [], statements, canEditStatements };
    }
    const facts = await this.facts.gather(system, me);
    const documents = (Object.entries(DOCUMENT_PATHS) as Array<[DocumentPath, DocumentKind]>).map(([path, kind]) => {
      const doc = BUILDERS[kind](facts);
      return {
        kind,
        path,
        title: doc.title,
        basis: doc.basis,
        complete: doc.complete,
        missingCount: doc.missingCount,
        sections: doc.sections.map((s) => ({ id: s.id, reference: s.reference, heading: s.heading, complete: s.complete, missing: s.missing })),
      };
    });
    return { aiSystemId: systemId, applicable: true, reason: null, documents, statements, canEditStatements };
  }

  /**
   * One document, compiled now, as a file; the export is written to the audit trail before the
   * file leaves (if that write fails, nothing is sent).
   */
  async export(systemId: string, path: string, format: DocumentFormat, me: UserPrincipal): Promise<DocumentFile> {
    const kind = DOCUMENT_PATHS[path as DocumentPath];
    if (!kind) throw notFound(`no document '${path}' (documents: ${Object.keys(DOCUMENT_PATHS).join(', ')})`, 'document');
    const system = await this.readable(systemId, me);
    if (system.riskTier !== 'high') throw conflict(notHighRisk(system), 'riskTier');
    const doc = BUILDERS[kind](await this.facts.gather(system, me));
    const contentSha256 = sha256(canonicalJson(doc));
    const body = format === 'pdf' ? await buildDocumentationPdf(doc, contentSha256) : Buffer.from(`${JSON.stringify({ ...doc, contentSha256 }, null, 2)}\n`, 'utf8');
    const file: DocumentFile = {
      contentType: format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8',
      filename: `${path}-${slug(system.name)}-${doc.compiledAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.${format}`,
      body,
      sha256: sha256(body),
    };
    await appendNextAuditEvent(this.dataSource.manager, {
      streamId: documentationAuditStream(systemId),
      eventType: 'documentation.exported',
      actorId: me.id,
      actorLabel: me.email,
      aiSystemId: systemId,
      payload: {
        document: kind,
        format,
        filename: file.filename,
        sha256: file.sha256,
        contentSha256,
        compiledAt: doc.compiledAt,
        complete: doc.complete,
        missingCount: doc.missingCount,
      },
      occurredAt: this.clock.now(),
    });
    return file;
  }

  /** Writes a statement's next version; every check runs before the first write. */
  async saveStatement(systemId: string, key: string, dto: SaveStatementDto, me: UserPrincipal): Promise<DocumentationStatementView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    if (!isDocumentationStatementKey(key)) throw notFound(`no documentation statement '${key}' (statements: ${DOCUMENTATION_STATEMENT_KEYS.join(', ')})`, 'key');
    if (system.stage === 'retired') throw conflict('the system is retired: its documentation is kept as it was when it retired', 'stage');
    const text = dto.text.trim();
    if (!text) throw badRequest('write the statement; an empty text supplies nothing', 'text');
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${documentationAuditStream(systemId)}:${key}`]);
      const existing = await tx.findOne(DocumentationStatementEntity, { where: { aiSystemId: systemId, key } });
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== (existing?.version ?? 0)) {
        throw conflict(
          existing ? `the statement is at version ${existing.version} (changed by someone else since version ${dto.expectedVersion}); reload it` : `there is no statement yet, not version ${dto.expectedVersion}`,
          'expectedVersion',
        );
      }
      const row: DocumentationStatementEntity = { aiSystemId: systemId, key, text, version: (existing?.version ?? 0) + 1, updatedById: me.id, updatedAt: this.clock.now() };
      await tx.save(DocumentationStatementEntity, row);
      await appendNextAuditEvent(tx, {
        streamId: documentationAuditStream(systemId),
        eventType: 'documentation.statement_recorded',
        actorId: me.id,
        actorLabel: me.email,
        aiSystemId: systemId,
        // the text itself stays in its table; its hash pins what each version said
        payload: { key, version: row.version, sha256: sha256(text), previousSha256: existing ? sha256(existing.text) : null },
        occurredAt: row.updatedAt,
      });
      return statementView(key, row, me.email);
    });
  }

  private async readable(systemId: string, me: UserPrincipal): Promise<AiSystemEntity> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.documentation', aiSystemResource(system));
    return system;
  }

  private async statementViews(m: EntityManager, systemId: string): Promise<DocumentationStatementView[]> {
    const rows = await m.find(DocumentationStatementEntity, { where: { aiSystemId: systemId } });
    const people = await peopleById(m, rows.map((r) => r.updatedById));
    return DOCUMENTATION_STATEMENT_KEYS.map((key) => {
      const row = rows.find((r) => r.key === key) ?? null;
      return statementView(key, row, row ? (people.get(row.updatedById)?.email ?? null) : null);
    });
  }
}

function statementView(key: DocumentationStatementKey, row: DocumentationStatementEntity | null, updatedBy: string | null): DocumentationStatementView {
  const d = DOCUMENTATION_STATEMENTS[key];
  return {
    key,
    document: d.document,
    section: d.section,
    title: d.title,
    prompt: d.prompt,
    text: row?.text ?? null,
    version: row?.version ?? null,
    updatedAt: row ? row.updatedAt.toISOString() : null,
    updatedBy,
  };
}

function notHighRisk(system: AiSystemEntity): string {
  return system.riskTier
    ? `documentation on demand (Annex IV, Art. 27) is compiled for high-risk systems; this system is '${system.riskTier}'`
    : 'documentation on demand (Annex IV, Art. 27) is compiled for high-risk systems; this system has not been assessed yet';
}

/** A file-name-safe form of the system's name. */
function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 60) || 'system'
  );
}
