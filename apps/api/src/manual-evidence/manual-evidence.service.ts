import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import { allows } from '@aigov/domain/access/access';
import type { AccessResource } from '@aigov/domain/access/access-policy';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import type { CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import { base64DecodedLength, expiryProblem, isBase64, linkProblem, MANUAL_EVIDENCE_MAX_BYTES } from '@aigov/domain/evidence/manual-evidence';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { AiSystemEntity, ManualEvidenceContentEntity, ManualEvidenceControlRef, ManualEvidenceEntity } from '@aigov/persistence/entities';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import type { Page } from '../common/pagination';
import { requireActiveUser } from '../common/request-checks';
import { CreateManualEvidenceDto, ListManualEvidenceQuery, ManualEvidenceBodyDto, ManualEvidenceControlDto, ReplaceManualEvidenceDto, WithdrawManualEvidenceDto } from './manual-evidence.dto';
import { ManualEvidenceView, toManualEvidenceView } from './manual-evidence.view';

/** The audit stream of one manual evidence item. */
export const manualEvidenceAuditStream = (id: string) => `manual-evidence:${id}`;

type Body = Pick<ManualEvidenceEntity, 'form' | 'url' | 'mediaType' | 'fileName' | 'sizeBytes' | 'sha256'> & { content: Buffer | null };

/**
 * Manual evidence: documents (bytes in PostgreSQL, with their SHA-256) and links kept for the
 * controls they name. Every write is one transaction with its audit event (stream
 * `manual-evidence:<id>`); every check runs before the first write, so a refusal writes nothing.
 */
@Injectable()
export class ManualEvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(CONTROL_CATALOG) private readonly catalog: ControlCatalogIndex,
  ) {}

  async create(dto: CreateManualEvidenceDto, me: UserPrincipal): Promise<ManualEvidenceView> {
    const id = idempotentId('manual-evidence') ?? randomUUID();
    const body = this.body(dto);
    const controls = this.requireControls(dto.controls);
    return this.dataSource.transaction(async (tx) => {
      const existing = await tx.findOneBy(ManualEvidenceEntity, { id });
      if (existing) return toManualEvidenceView(existing, this.clock.now()); // resent with its Idempotency-Key
      const systemIds = dto.aiSystemIds ?? [];
      const systems = await this.requireSystems(tx, systemIds);
      const ownsEvery = systems.length > 0 && systems.every((s) => s.accountableOwnerId === me.id);
      requireAllowed(me, 'evidence.manage', { systemOwnerId: ownsEvery ? me.id : null });
      await requireActiveUser(tx, dto.ownerId, 'ownerId');
      const now = this.clock.now();
      const item: ManualEvidenceEntity = {
        id,
        title: dto.title.trim(),
        description: dto.description ?? null,
        form: body.form,
        url: body.url,
        mediaType: body.mediaType,
        fileName: body.fileName,
        sizeBytes: body.sizeBytes,
        sha256: body.sha256,
        controls,
        aiSystemIds: systemIds,
        ownerId: dto.ownerId,
        expiresAt: this.requireExpiry(dto.expiresAt),
        status: 'current',
        version: 1,
        remindedFor: null,
        escalatedFor: null,
        createdById: me.id,
        createdAt: now,
        updatedAt: now,
        withdrawnById: null,
        withdrawnAt: null,
        withdrawalReason: null,
      };
      await tx.insert(ManualEvidenceEntity, item);
      if (body.content) await tx.insert(ManualEvidenceContentEntity, { evidenceId: id, version: 1, sha256: body.sha256!, content: body.content, storedAt: now });
      await this.audit(tx, item, 'manual_evidence.created', me, auditable(item));
      return toManualEvidenceView(item, now);
    });
  }

  async replace(id: string, dto: ReplaceManualEvidenceDto, me: UserPrincipal): Promise<ManualEvidenceView> {
    const body = this.body(dto);
    return this.dataSource.transaction(async (tx) => {
      const item = await this.loadForWrite(tx, id, me);
      const now = this.clock.now();
      const changes: Partial<ManualEvidenceEntity> = {
        form: body.form,
        url: body.url,
        mediaType: body.mediaType,
        fileName: body.fileName,
        sizeBytes: body.sizeBytes,
        sha256: body.sha256,
        expiresAt: this.requireExpiry(dto.expiresAt),
        version: item.version + 1,
        updatedAt: now,
      };
      await tx.update(ManualEvidenceEntity, { id }, changes);
      const updated = { ...item, ...changes };
      if (body.content) await tx.insert(ManualEvidenceContentEntity, { evidenceId: id, version: updated.version, sha256: body.sha256!, content: body.content, storedAt: now });
      await this.audit(tx, updated, 'manual_evidence.replaced', me, { ...auditable(updated), previous: { version: item.version, sha256: item.sha256, url: item.url, expiresAt: item.expiresAt.toISOString() }, reason: dto.reason ?? null });
      return toManualEvidenceView(updated, now);
    });
  }

  async withdraw(id: string, dto: WithdrawManualEvidenceDto, me: UserPrincipal): Promise<ManualEvidenceView> {
    return this.dataSource.transaction(async (tx) => {
      const item = await this.loadForWrite(tx, id, me);
      const now = this.clock.now();
      const changes: Partial<ManualEvidenceEntity> = { status: 'withdrawn', withdrawnById: me.id, withdrawnAt: now, withdrawalReason: dto.reason, updatedAt: now };
      await tx.update(ManualEvidenceEntity, { id }, changes);
      const updated = { ...item, ...changes };
      await this.audit(tx, updated, 'manual_evidence.withdrawn', me, { version: item.version, reason: dto.reason });
      return toManualEvidenceView(updated, now);
    });
  }

  async get(id: string, me: UserPrincipal): Promise<ManualEvidenceView> {
    const item = await this.loadForRead(this.dataSource.manager, id, me);
    return toManualEvidenceView(item, this.clock.now());
  }

  /** The current version's bytes, with what a download needs. */
  async content(id: string, me: UserPrincipal): Promise<{ mediaType: string; fileName: string; sha256: string; content: Buffer }> {
    const m = this.dataSource.manager;
    const item = await this.loadForRead(m, id, me);
    if (item.form !== 'document') throw notFound(`manual evidence ${id} is a link, not a document: ${item.url}`, 'id');
    const stored = await m.findOneBy(ManualEvidenceContentEntity, { evidenceId: id, version: item.version });
    if (!stored) throw notFound(`manual evidence ${id} has no stored content for version ${item.version}`, 'id');
    return { mediaType: item.mediaType!, fileName: item.fileName ?? `evidence-${id}`, sha256: stored.sha256, content: stored.content };
  }

  async list(q: ListManualEvidenceQuery, me: UserPrincipal): Promise<Page<ManualEvidenceView>> {
    const qb = this.dataSource.getRepository(ManualEvidenceEntity).createQueryBuilder('e');
    qb.where('e.status = :status', { status: q.status ?? 'current' });
    if (!allows(me, 'evidence.read')) {
      qb.andWhere(`(e.ownerId = :me OR EXISTS (SELECT 1 FROM ai_systems s WHERE s.id = ANY(e.ai_system_ids) AND s.accountable_owner_id = :me))`, { me: me.id });
    }
    if (q.control) {
      const [framework, ref] = q.control.split(':');
      const found = this.catalog.find(framework as CatalogFramework, ref);
      if (!found) throw badRequest(`no control '${ref}' in ${framework}`, 'control');
      qb.andWhere('e.controls @> :control::jsonb', { control: JSON.stringify([{ framework: found.framework, ref: found.ref }]) });
    }
    if (q.aiSystemId) qb.andWhere("(:sid = ANY(e.ai_system_ids) OR e.ai_system_ids = '{}')", { sid: q.aiSystemId });
    if (q.expiringBefore) qb.andWhere('e.expiresAt < :before', { before: new Date(q.expiringBefore) });
    const [rows, total] = await qb
      .orderBy('e.expiresAt', 'ASC')
      .addOrderBy('e.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const now = this.clock.now();
    return { items: rows.map((r) => toManualEvidenceView(r, now)), page: q.page, pageSize: q.pageSize, total };
  }

  /** The document (hash checked, size bounded) or the link a request gives: 400 with the field otherwise. */
  private body(dto: ManualEvidenceBodyDto): Body {
    if (dto.url !== undefined) {
      for (const field of ['content', 'sha256', 'mediaType', 'fileName'] as const) {
        if (dto[field] !== undefined) throw badRequest('give either a document (content) or a link (url), not both', field);
      }
      const problem = linkProblem(dto.url);
      if (problem) throw badRequest(`url ${problem}`, 'url');
      return { form: 'link', url: dto.url, mediaType: null, fileName: null, sizeBytes: null, sha256: null, content: null };
    }
    if (dto.content === undefined) throw badRequest('give a document (content, base64) or a link (url)', 'content');
    if (!isBase64(dto.content)) throw badRequest('content must be base64 (RFC 4648, with padding, no line breaks)', 'content');
    const size = base64DecodedLength(dto.content);
    if (size > MANUAL_EVIDENCE_MAX_BYTES) throw badRequest(`content is ${size} bytes; a document is at most ${MANUAL_EVIDENCE_MAX_BYTES} bytes (10 MiB): link larger ones`, 'content');
    if (dto.sha256 === undefined) throw badRequest('sha256 is required with content: the SHA-256 of the document, lower-case hex', 'sha256');
    if (dto.mediaType === undefined) throw badRequest('mediaType is required with content, e.g. application/pdf', 'mediaType');
    const content = Buffer.from(dto.content, 'base64');
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== dto.sha256) throw badRequest(`sha256 does not match the content: the content's SHA-256 is ${actual}`, 'sha256');
    return { form: 'document', url: null, mediaType: dto.mediaType, fileName: dto.fileName ?? null, sizeBytes: content.length, sha256: actual, content };
  }

  private requireExpiry(value: string): Date {
    const at = new Date(value);
    const problem = expiryProblem(at.getTime(), this.clock.now().getTime());
    if (problem) throw badRequest(`expiresAt ${problem}`, 'expiresAt');
    return at;
  }

  private requireControls(controls: ManualEvidenceControlDto[]): ManualEvidenceControlRef[] {
    const refs = controls.map((c, i) => {
      const found = this.catalog.find(c.framework as CatalogFramework, c.ref);
      if (!found) throw badRequest(`no control '${c.ref}' in ${c.framework}`, `controls.${i}.ref`);
      return { framework: found.framework, ref: found.ref };
    });
    refs.forEach((c, i) => {
      if (refs.findIndex((d) => d.framework === c.framework && d.ref === c.ref) !== i) throw badRequest(`${c.framework} ${c.ref} is listed twice`, `controls.${i}`);
    });
    return refs;
  }

  private async requireSystems(m: EntityManager, ids: string[]): Promise<AiSystemEntity[]> {
    if (!ids.length) return [];
    const systems = await m.findBy(AiSystemEntity, { id: In(ids) });
    ids.forEach((id, i) => {
      if (!systems.some((s) => s.id === id)) throw badRequest(`no AI system ${id}`, `aiSystemIds.${i}`);
    });
    return systems;
  }

  /** How `me` stands to an item: its owner, and the owner of every system it names. */
  private async resourceOf(m: EntityManager, item: ManualEvidenceEntity, me: UserPrincipal): Promise<AccessResource> {
    const systems = await this.requireSystems(m, item.aiSystemIds).catch(() => []);
    const ownsEvery = systems.length > 0 && systems.every((s) => s.accountableOwnerId === me.id);
    return { ownerId: item.ownerId, systemOwnerId: ownsEvery ? me.id : null };
  }

  private async loadForRead(m: EntityManager, id: string, me: UserPrincipal): Promise<ManualEvidenceEntity> {
    const item = await m.findOneBy(ManualEvidenceEntity, { id });
    if (!item) throw notFound(`manual evidence ${id} does not exist`, 'id');
    requireAllowed(me, 'evidence.read', await this.resourceOf(m, item, me));
    return item;
  }

  private async loadForWrite(tx: EntityManager, id: string, me: UserPrincipal): Promise<ManualEvidenceEntity> {
    const item = await tx.findOne(ManualEvidenceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw notFound(`manual evidence ${id} does not exist`, 'id');
    const resource = await this.resourceOf(tx, item, me);
    requireAllowed(me, 'evidence.read', resource);
    requireAllowed(me, 'evidence.manage', resource);
    if (item.status === 'withdrawn') throw conflict('this evidence was withdrawn; add a new item', 'status');
    return item;
  }

  private async audit(tx: EntityManager, item: ManualEvidenceEntity, eventType: string, me: UserPrincipal, payload: Record<string, unknown>): Promise<void> {
    await appendNextAuditEvent(tx, {
      streamId: manualEvidenceAuditStream(item.id),
      eventType,
      actorId: me.id,
      actorLabel: me.email,
      aiSystemId: item.aiSystemIds.length === 1 ? item.aiSystemIds[0] : null,
      payload,
      occurredAt: this.clock.now(),
    });
  }
}

/** What the audit event keeps of an item: everything but the bytes (their SHA-256 stands for them). */
function auditable(e: ManualEvidenceEntity): Record<string, unknown> {
  return {
    title: e.title,
    form: e.form,
    url: e.url,
    mediaType: e.mediaType,
    fileName: e.fileName,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    controls: e.controls,
    aiSystemIds: e.aiSystemIds,
    ownerId: e.ownerId,
    expiresAt: e.expiresAt.toISOString(),
    version: e.version,
  };
}
