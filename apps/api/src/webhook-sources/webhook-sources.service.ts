import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { webhookSourceKey } from '@aigov/config/monitoring-webhook.config';
import { formatSecret } from '@aigov/notifications/standard-webhook-signature';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { AiSystemEntity, WebhookSourceAiSystemEntity, WebhookSourceEntity, type WebhookSourceKind } from '@aigov/persistence/entities';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import { CreateWebhookSourceDto, DEFAULT_ROTATION_OVERLAP_MINUTES, RotateWebhookSourceSecretDto, UpdateWebhookSourceDto } from './webhook-source.dto';
import { toWebhookSourceView, WebhookSourceSecretView, WebhookSourceSystemView, WebhookSourceView } from './webhook-source.view';
import { WebhookSecretBox } from './webhook-secret-box';

/** What checking a delivery needs: the secrets valid now and the systems the source may act on. */
export interface DeliveryCredentials {
  source: WebhookSourceEntity;
  secrets: string[];
  /** null: every system */
  aiSystemIds: ReadonlySet<string> | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Webhook sources, managed by admins: each change is an audit event in the source's own stream
 * (`webhook-source:<id>`), in the transaction that makes it. A secret is generated here, shown
 * once in the answer, and kept only encrypted; no audit payload or log line carries it.
 */
@Injectable()
export class WebhookSourcesService {
  private readonly logger = new Logger('WebhookSources');
  private readonly box: WebhookSecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new WebhookSecretBox(webhookSourceKey(config));
  }

  async create(dto: CreateWebhookSourceDto, me: UserPrincipal): Promise<WebhookSourceSecretView> {
    const allSystems = dto.allSystems ?? false;
    const systemIds = this.systemList(allSystems, dto.aiSystemIds, true) ?? [];
    const id = randomUUID();
    const secret = newSecret();
    const now = this.clock.now();
    const name = dto.name.trim();
    const kind = dto.kind ?? 'standard';
    return this.write(async (tx) => {
      const systems = await this.requireSystems(tx, systemIds);
      const source: WebhookSourceEntity = tx.getRepository(WebhookSourceEntity).create({
        id,
        name,
        kind,
        secretCiphertext: this.box.seal(id, secret),
        previousSecretCiphertext: null,
        previousSecretExpiresAt: null,
        secretCreatedAt: now,
        allSystems,
        active: true,
        disabledAt: null,
        createdById: me.id,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(WebhookSourceEntity, source);
      if (systemIds.length) await tx.insert(WebhookSourceAiSystemEntity, systemIds.map((aiSystemId) => ({ sourceId: id, aiSystemId })));
      await this.audit(tx, id, 'webhook_source.created', me, { name, kind, allSystems, aiSystemIds: systemIds });
      return { source: toWebhookSourceView(source, systems, now), secret };
    });
  }

  async list(page: number, pageSize: number): Promise<Page<WebhookSourceView>> {
    const [rows, total] = await this.dataSource.getRepository(WebhookSourceEntity).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const systems = await this.systemsOf(this.dataSource.manager, rows.map((r) => r.id));
    const now = this.clock.now();
    return { items: rows.map((row) => toWebhookSourceView(row, systems.get(row.id) ?? [], now)), page, pageSize, total };
  }

  async get(id: string): Promise<WebhookSourceView> {
    const source = await this.dataSource.getRepository(WebhookSourceEntity).findOne({ where: { id } });
    if (!source) throw notFound(`webhook source ${id} does not exist`, 'id');
    return toWebhookSourceView(source, (await this.systemsOf(this.dataSource.manager, [id])).get(id) ?? [], this.clock.now());
  }

  async update(id: string, dto: UpdateWebhookSourceDto, me: UserPrincipal): Promise<WebhookSourceView> {
    if (dto.name === undefined && dto.allSystems === undefined && dto.aiSystemIds === undefined) throw badRequest('nothing to change', 'body');
    return this.write(async (tx) => {
      const source = await this.lockActive(tx, id);
      const allSystems = dto.allSystems ?? (dto.aiSystemIds !== undefined ? false : source.allSystems);
      const systemIds = this.systemList(allSystems, dto.aiSystemIds, dto.allSystems === false);
      const changes: Partial<WebhookSourceEntity> = { updatedAt: this.clock.now() };
      const audited: Record<string, unknown> = {};
      if (dto.name !== undefined) changes.name = audited.name = dto.name.trim();
      if (allSystems !== source.allSystems) changes.allSystems = audited.allSystems = allSystems;
      if (systemIds !== null || (allSystems && !source.allSystems)) {
        const ids = allSystems ? [] : systemIds!;
        await this.requireSystems(tx, ids);
        await tx.delete(WebhookSourceAiSystemEntity, { sourceId: id });
        if (ids.length) await tx.insert(WebhookSourceAiSystemEntity, ids.map((aiSystemId) => ({ sourceId: id, aiSystemId })));
        audited.aiSystemIds = ids;
      }
      await tx.update(WebhookSourceEntity, { id }, changes);
      await this.audit(tx, id, 'webhook_source.updated', me, audited);
      const updated = { ...source, ...changes };
      return toWebhookSourceView(updated, (await this.systemsOf(tx, [id])).get(id) ?? [], this.clock.now());
    });
  }

  /**
   * A new secret; the current one stays valid beside it for the overlap (24 hours unless
   * said), so the sender switches without a delivery refused. A secret already in its overlap
   * is dropped: at most two are ever valid.
   */
  async rotate(id: string, dto: RotateWebhookSourceSecretDto, me: UserPrincipal): Promise<WebhookSourceSecretView> {
    const overlapMinutes = dto.previousSecretValidMinutes ?? DEFAULT_ROTATION_OVERLAP_MINUTES;
    const secret = newSecret();
    return this.write(async (tx) => {
      const source = await this.lockActive(tx, id);
      const now = this.clock.now();
      const previousUntil = overlapMinutes > 0 ? new Date(now.getTime() + overlapMinutes * 60_000) : null;
      const changes: Partial<WebhookSourceEntity> = {
        secretCiphertext: this.box.seal(id, secret),
        previousSecretCiphertext: previousUntil ? source.secretCiphertext : null,
        previousSecretExpiresAt: previousUntil,
        secretCreatedAt: now,
        updatedAt: now,
      };
      await tx.update(WebhookSourceEntity, { id }, changes);
      await this.audit(tx, id, 'webhook_source.secret_rotated', me, { previousSecretValidUntil: previousUntil?.toISOString() ?? null });
      return { source: toWebhookSourceView({ ...source, ...changes }, (await this.systemsOf(tx, [id])).get(id) ?? [], now), secret };
    });
  }

  /** Disabled for good: its deliveries are refused from now on (make a new source to start again). */
  async disable(id: string, me: UserPrincipal): Promise<WebhookSourceView> {
    return this.write(async (tx) => {
      const source = await this.lockActive(tx, id);
      const now = this.clock.now();
      const changes: Partial<WebhookSourceEntity> = { active: false, disabledAt: now, previousSecretCiphertext: null, previousSecretExpiresAt: null, updatedAt: now };
      await tx.update(WebhookSourceEntity, { id }, changes);
      await this.audit(tx, id, 'webhook_source.disabled', me, {});
      return toWebhookSourceView({ ...source, ...changes }, (await this.systemsOf(tx, [id])).get(id) ?? [], now);
    });
  }

  /**
   * The active source's valid secrets (decrypted) and systems; null when unknown, disabled or of
   * another kind (an MLflow source's secret signs nothing on the monitoring route, and back).
   */
  async credentials(id: string, now: Date, kind: WebhookSourceKind = 'standard'): Promise<DeliveryCredentials | null> {
    const source = await this.dataSource.getRepository(WebhookSourceEntity).findOne({ where: { id, active: true, kind } });
    if (!source) return null;
    const sealed = [source.secretCiphertext];
    if (source.previousSecretCiphertext && source.previousSecretExpiresAt && source.previousSecretExpiresAt > now) sealed.push(source.previousSecretCiphertext);
    const secrets = sealed.flatMap((text) => {
      try {
        return [this.box.open(id, text)];
      } catch {
        // Sealed under another key (WEBHOOK_SECRET_KEY or ACTION_LINK_SECRET changed): refused as unsigned until rotated.
        this.logger.error(`webhook source ${id}: a stored secret does not decrypt with the current key; rotate the source's secret`);
        return [];
      }
    });
    if (source.allSystems) return { source, secrets, aiSystemIds: null };
    const rows = await this.dataSource.getRepository(WebhookSourceAiSystemEntity).find({ where: { sourceId: id } });
    return { source, secrets, aiSystemIds: new Set(rows.map((r) => r.aiSystemId)) };
  }

  /** Runs a change in a transaction; a duplicate name becomes a 409 on `name`. */
  private async write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const driver = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
      const code = driver.driverError?.code ?? driver.code;
      const constraint = driver.driverError?.constraint ?? driver.constraint;
      if (code === UNIQUE_VIOLATION && constraint === 'uq_webhook_sources_name') throw conflict('a webhook source with this name exists already', 'name');
      throw error;
    }
  }

  /** The ids the request names, checked against allSystems; null when it names none and need not. */
  private systemList(allSystems: boolean, ids: string[] | undefined, required: boolean): string[] | null {
    if (allSystems && ids?.length) throw badRequest('name systems in aiSystemIds or allow all systems, not both', 'aiSystemIds');
    if (allSystems) return null;
    if (ids === undefined) {
      if (required) throw badRequest('name at least one AI system in aiSystemIds, or set allSystems', 'aiSystemIds');
      return null;
    }
    if (ids.length === 0) throw badRequest('name at least one AI system in aiSystemIds, or set allSystems', 'aiSystemIds');
    return ids.map((id) => id.toLowerCase());
  }

  private async requireSystems(tx: EntityManager, ids: string[]): Promise<WebhookSourceSystemView[]> {
    if (!ids.length) return [];
    const found = await tx.getRepository(AiSystemEntity).find({ where: { id: In(ids) }, select: { id: true, name: true } });
    const missing = ids.find((id) => !found.some((s) => s.id === id));
    if (missing) throw badRequest(`AI system ${missing} does not exist`, 'aiSystemIds');
    return ids.map((id) => ({ id, name: found.find((s) => s.id === id)!.name }));
  }

  private async lockActive(tx: EntityManager, id: string): Promise<WebhookSourceEntity> {
    const source = await tx.getRepository(WebhookSourceEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!source) throw notFound(`webhook source ${id} does not exist`, 'id');
    if (!source.active) throw conflict('this webhook source is disabled; create a new one instead', 'id');
    return source;
  }

  private async systemsOf(manager: EntityManager, sourceIds: string[]): Promise<Map<string, WebhookSourceSystemView[]>> {
    const bySource = new Map<string, WebhookSourceSystemView[]>();
    if (!sourceIds.length) return bySource;
    const rows: Array<{ source_id: string; id: string; name: string }> = await manager.query(
      `SELECT l.source_id, s.id, s.name FROM webhook_source_ai_systems l JOIN ai_systems s ON s.id = l.ai_system_id
        WHERE l.source_id = ANY($1::uuid[]) ORDER BY lower(s.name), s.id`,
      [sourceIds],
    );
    for (const row of rows) bySource.set(row.source_id, [...(bySource.get(row.source_id) ?? []), { id: row.id, name: row.name }]);
    return bySource;
  }

  private audit(tx: EntityManager, id: string, eventType: string, me: UserPrincipal, payload: Record<string, unknown>) {
    return appendNextAuditEvent(tx, { streamId: `webhook-source:${id}`, eventType, actorId: me.id, actorLabel: me.email, payload, occurredAt: this.clock.now() });
  }
}

/** `whsec_` and base64 of 32 random bytes (the Standard Webhooks format). */
function newSecret(): string {
  return formatSecret(randomBytes(32));
}
