import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import { allows } from '@aigov/domain/access/access';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import type { CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { DEFAULT_RISK_MATRIX, exceedsAppetite, rateCell, RiskMatrix } from '@aigov/domain/risk-matrix';
import { checkRiskAcceptance } from '@aigov/domain/risk-register';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { AiSystemEntity, PdcaItemEntity, RiskAiSystemEntity, RiskControlRef, RiskEntity } from '@aigov/persistence/entities';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict, forbidden, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import type { Page } from '../common/pagination';
import { requireActiveUser, requireFutureDate } from '../common/request-checks';
import { CreateRiskDto, ListRisksQuery, RiskControlRefDto, UpdateRiskDto } from './risk.dto';
import { RiskMatrixReportView, RiskView, toRiskView } from './risk.view';

type RatingPair = { likelihood?: string | null; impact?: string | null };
type RatingColumns = Pick<RiskEntity, 'inherentLikelihood' | 'inherentImpact' | 'inherentScore' | 'inherentRating'> &
  Pick<RiskEntity, 'residualLikelihood' | 'residualImpact' | 'residualScore' | 'residualRating'>;

/** The audit stream of one risk. */
export const riskAuditStream = (riskId: string) => `risk:${riskId}`;

/**
 * The risk register. Every write is one transaction: the row, the systems it concerns and its
 * audit event (stream `risk:<id>`); a refused request throws before anything is written.
 */
@Injectable()
export class RisksService {
  private readonly matrix: RiskMatrix;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(GOVERNANCE_POLICY) policy: GovernancePolicy,
    @Inject(CONTROL_CATALOG) private readonly catalog: ControlCatalogIndex,
  ) {
    this.matrix = policy.riskMatrix ?? DEFAULT_RISK_MATRIX;
  }

  async create(dto: CreateRiskDto, me: UserPrincipal): Promise<RiskView> {
    const id = idempotentId('risk') ?? randomUUID();
    return this.dataSource.transaction(async (tx) => {
      const existing = await tx.findOneBy(RiskEntity, { id });
      if (existing) return this.view(tx, existing); // the same request resent with its Idempotency-Key
      await requireActiveUser(tx, dto.ownerId, 'ownerId');
      const systemIds = dto.aiSystemIds ?? [];
      const systems = await this.requireSystems(tx, systemIds, 'aiSystemIds');
      const ownsEvery = systems.length > 0 && systems.every((s) => s.accountableOwnerId === me.id);
      requireAllowed(me, 'risk.create', { systemOwnerId: ownsEvery ? me.id : null });
      const ratings = this.rate({}, dto);
      const rated = ratings.inherentRating !== null || ratings.residualRating !== null;
      const controls = this.requireControls(dto.controls);
      const pdcaItemIds = await this.requirePdcaItems(tx, dto.pdcaItemIds);
      if (dto.nextReviewAt) requireFutureDate(dto.nextReviewAt, 'nextReviewAt');
      if (dto.treatment === 'accept') this.requireAcceptance({ residualRating: ratings.residualRating, ratedById: rated ? me.id : null }, me);
      const now = this.clock.now();
      const risk: RiskEntity = {
        id,
        title: dto.title.trim(),
        description: dto.description,
        source: dto.source,
        assets: dto.assets ?? [],
        threat: dto.threat,
        affectedParties: dto.affectedParties ?? [],
        ...ratings,
        treatment: dto.treatment ?? null,
        controls,
        pdcaItemIds,
        ownerId: dto.ownerId,
        ratedById: rated ? me.id : null,
        ratedAt: rated ? now : null,
        acceptance: null,
        acceptedById: null,
        acceptedAt: null,
        nextReviewAt: dto.nextReviewAt ? new Date(dto.nextReviewAt) : null,
        reviewRemindedFor: null,
        status: ratings.inherentRating ? 'open' : 'draft',
        origin: null,
        draftKey: null,
        createdById: me.id,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(RiskEntity, risk);
      if (systemIds.length) await tx.insert(RiskAiSystemEntity, systemIds.map((aiSystemId) => ({ riskId: id, aiSystemId })));
      await this.audit(tx, risk, systemIds, 'risk.created', me, { ...auditable(risk), aiSystemIds: systemIds });
      return toRiskView(risk, systemIds);
    });
  }

  async update(id: string, dto: UpdateRiskDto, me: UserPrincipal): Promise<RiskView> {
    return this.dataSource.transaction(async (tx) => {
      const risk = await tx.findOne(RiskEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!risk) throw notFound(`risk ${id} does not exist`, 'id');
      const systemIds = await this.systemIdsOf(tx, id);
      await this.requireRead(tx, risk, systemIds, me);
      requireAllowed(me, 'risk.edit', { ownerId: risk.ownerId });
      const given = Object.entries(dto).filter(([, v]) => v !== undefined && v !== null);
      if (given.length === 0) throw badRequest('nothing to change', 'body');
      if (risk.status === 'closed') throw conflict('a closed risk is not edited; register a new one', 'status');

      const now = this.clock.now();
      const changes: Partial<RiskEntity> = {};
      const ratings = this.rate(risk, dto);
      const reRated = (Object.keys(ratings) as Array<keyof RatingColumns>).some((k) => ratings[k] !== risk[k]);
      if (risk.acceptance === 'in_approval' && (reRated || dto.treatment || dto.status === 'closed')) {
        // The approvers decide on the rating and treatment they were shown: a new one waits for their outcome.
        const field = reRated ? (['residualLikelihood', 'residualImpact', 'inherentLikelihood', 'inherentImpact'] as const).find((k) => dto[k] != null)! : dto.treatment ? 'treatment' : 'status';
        throw conflict('this risk’s acceptance is in its approval round: a new rating, treatment or closing waits for the round’s outcome', field);
      }
      if (reRated) Object.assign(changes, ratings, { ratedById: me.id, ratedAt: now });
      if (dto.controls) changes.controls = this.requireControls(dto.controls);
      if (dto.pdcaItemIds) changes.pdcaItemIds = await this.requirePdcaItems(tx, dto.pdcaItemIds);
      if (dto.ownerId) {
        await requireActiveUser(tx, dto.ownerId, 'ownerId');
        changes.ownerId = dto.ownerId;
      }
      if (dto.nextReviewAt) {
        requireFutureDate(dto.nextReviewAt, 'nextReviewAt');
        changes.nextReviewAt = new Date(dto.nextReviewAt);
      }
      if (dto.treatment) changes.treatment = dto.treatment;
      const next = { ...risk, ...changes };

      const accepting = dto.treatment === 'accept';
      // A new rating, or another treatment, undoes an earlier acceptance: it was of something else.
      if (risk.status === 'accepted' && (reRated || (dto.treatment && !accepting))) {
        Object.assign(changes, { status: 'open', acceptedById: null, acceptedAt: null, acceptance: null });
      }
      // A round that did not approve leaves `needs_approval`; another rating or treatment ends that wait.
      if (risk.acceptance === 'needs_approval' && (reRated || (dto.treatment && !accepting))) changes.acceptance = null;
      if (accepting) {
        requireAllowed(me, 'risk.accept', { ownerId: risk.ownerId });
        this.requireAcceptance(next, me);
        Object.assign(changes, { status: 'accepted', acceptedById: me.id, acceptedAt: now, acceptance: null });
      } else if (next.treatment === 'accept' && next.residualRating && exceedsAppetite(this.matrix, next.residualRating) && reRated) {
        // Re-rating a risk whose treatment is acceptance above the appetite would leave an acceptance nobody approved.
        throw conflict(this.aboveAppetiteMessage(next.residualRating), 'treatment');
      }
      if (dto.status === 'closed') changes.status = 'closed';
      const status = changes.status ?? risk.status;
      if (status === 'draft' && (changes.inherentRating ?? risk.inherentRating)) changes.status = 'open';
      changes.updatedAt = now;

      await tx.update(RiskEntity, { id }, changes);
      const updated = { ...risk, ...changes };
      const { updatedAt: _ignored, ...audited } = changes;
      await this.audit(tx, updated, systemIds, accepting ? 'risk.accepted' : 'risk.updated', me, audited);
      return toRiskView(updated, systemIds);
    });
  }

  async list(q: ListRisksQuery, me: UserPrincipal): Promise<Page<RiskView>> {
    const qb = this.dataSource.getRepository(RiskEntity).createQueryBuilder('r');
    if (!allows(me, 'risk.list_all')) {
      qb.andWhere(
        `(r.ownerId = :me OR EXISTS (SELECT 1 FROM risk_ai_systems ras JOIN ai_systems s ON s.id = ras.ai_system_id WHERE ras.risk_id = r.id AND s.accountable_owner_id = :me))`,
        { me: me.id },
      );
    }
    if (q.aiSystemId) qb.andWhere('EXISTS (SELECT 1 FROM risk_ai_systems f WHERE f.risk_id = r.id AND f.ai_system_id = :sid)', { sid: q.aiSystemId });
    if (q.source) qb.andWhere('r.source = :source', { source: q.source });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.rating) qb.andWhere('COALESCE(r.residualRating, r.inherentRating) = :rating', { rating: q.rating });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`(r.title ILIKE :like OR r.description ILIKE :like OR r.threat ILIKE :like OR r.assets::text ILIKE :like)`, { like });
    }
    const [rows, total] = await qb
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const links = rows.length ? await this.dataSource.manager.findBy(RiskAiSystemEntity, { riskId: In(rows.map((r) => r.id)) }) : [];
    const systemsOf = (riskId: string) => links.filter((l) => l.riskId === riskId).map((l) => l.aiSystemId);
    return { items: rows.map((r) => toRiskView(r, systemsOf(r.id))), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string, me: UserPrincipal): Promise<RiskView> {
    const m = this.dataSource.manager;
    const risk = await m.findOneBy(RiskEntity, { id });
    if (!risk) throw notFound(`risk ${id} does not exist`, 'id');
    const systemIds = await this.systemIdsOf(m, id);
    await this.requireRead(m, risk, systemIds, me);
    return toRiskView(risk, systemIds);
  }

  /** The heat map: every cell of the matrix with its band and how many open risks sit in it, inherent and residual. */
  async matrixReport(): Promise<RiskMatrixReportView> {
    const counts: Array<{ kind: 'inherent' | 'residual' | 'unrated'; likelihood: string | null; impact: string | null; n: string }> = await this.dataSource.query(
      `SELECT 'inherent' AS kind, inherent_likelihood AS likelihood, inherent_impact AS impact, count(*) AS n FROM risks
        WHERE status <> 'closed' AND inherent_likelihood IS NOT NULL GROUP BY 2, 3
       UNION ALL
       SELECT 'residual', residual_likelihood, residual_impact, count(*) FROM risks
        WHERE status <> 'closed' AND residual_likelihood IS NOT NULL GROUP BY 2, 3
       UNION ALL
       SELECT 'unrated', NULL, NULL, count(*) FROM risks WHERE status <> 'closed' AND inherent_likelihood IS NULL AND residual_likelihood IS NULL`,
    );
    const m = this.matrix;
    const count = (kind: string, l: string, i: string) => Number(counts.find((c) => c.kind === kind && c.likelihood === l && c.impact === i)?.n ?? 0);
    const cells = m.likelihood.flatMap((likelihood) =>
      m.impact.map((impact) => {
        const cell = rateCell(m, likelihood, impact);
        return { ...cell, aboveAppetite: exceedsAppetite(m, cell.rating), inherent: count('inherent', likelihood, impact), residual: count('residual', likelihood, impact) };
      }),
    );
    const offMatrix = counts
      .filter((c) => c.kind !== 'unrated' && (!m.likelihood.includes(c.likelihood!) || !m.impact.includes(c.impact!)))
      .reduce((n, c) => n + Number(c.n), 0);
    return {
      likelihood: m.likelihood,
      impact: m.impact,
      scoring: m.scoring,
      bands: m.bands,
      appetite: m.appetite,
      cells,
      unrated: Number(counts.find((c) => c.kind === 'unrated')?.n ?? 0),
      offMatrix,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /** New ratings from `given` over `current`: each pair validated against the matrix, both halves known. */
  private rate(current: Partial<RatingColumns>, given: { inherentLikelihood?: string; inherentImpact?: string; residualLikelihood?: string; residualImpact?: string }): RatingColumns {
    const pair = (prefix: 'inherent' | 'residual', pairGiven: RatingPair, pairNow: RatingPair) => {
      const likelihood = pairGiven.likelihood ?? pairNow.likelihood ?? null;
      const impact = pairGiven.impact ?? pairNow.impact ?? null;
      if (pairGiven.likelihood != null && !this.matrix.likelihood.includes(pairGiven.likelihood)) {
        throw badRequest(`'${pairGiven.likelihood}' is not a likelihood level of the risk matrix (${this.matrix.likelihood.join(', ')})`, `${prefix}Likelihood`);
      }
      if (pairGiven.impact != null && !this.matrix.impact.includes(pairGiven.impact)) {
        throw badRequest(`'${pairGiven.impact}' is not an impact level of the risk matrix (${this.matrix.impact.join(', ')})`, `${prefix}Impact`);
      }
      if ((pairGiven.likelihood != null || pairGiven.impact != null) && (!likelihood || !impact)) {
        throw badRequest('a rating needs both likelihood and impact', likelihood ? `${prefix}Impact` : `${prefix}Likelihood`);
      }
      if (!likelihood || !impact) return { likelihood: null, impact: null, score: null, rating: null };
      if (pairGiven.likelihood == null && pairGiven.impact == null) {
        return { likelihood, impact, score: (current as Record<string, number | null>)[`${prefix}Score`] ?? null, rating: (current as Record<string, string | null>)[`${prefix}Rating`] ?? null };
      }
      const cell = rateCell(this.matrix, likelihood, impact);
      return { likelihood, impact, score: cell.score, rating: cell.rating };
    };
    const inherent = pair('inherent', { likelihood: given.inherentLikelihood, impact: given.inherentImpact }, { likelihood: current.inherentLikelihood, impact: current.inherentImpact });
    const residual = pair('residual', { likelihood: given.residualLikelihood, impact: given.residualImpact }, { likelihood: current.residualLikelihood, impact: current.residualImpact });
    return {
      inherentLikelihood: inherent.likelihood,
      inherentImpact: inherent.impact,
      inherentScore: inherent.score,
      inherentRating: inherent.rating,
      residualLikelihood: residual.likelihood,
      residualImpact: residual.impact,
      residualScore: residual.score,
      residualRating: residual.rating,
    };
  }

  private requireAcceptance(risk: { residualRating: string | null; ratedById: string | null }, me: UserPrincipal): void {
    const refusal = checkRiskAcceptance(this.matrix, risk, me.id);
    if (!refusal) return;
    if (refusal.kind === 'not_rated') throw badRequest(refusal.message, refusal.field);
    if (refusal.kind === 'rater') throw forbidden(refusal.message, refusal.field);
    throw conflict(this.aboveAppetiteMessage(risk.residualRating!), refusal.field);
  }

  private aboveAppetiteMessage(rating: string): string {
    return `the residual rating '${rating}' is above the risk appetite '${this.matrix.appetite}': accepting it needs an approval round, not a direct change; ask for one with POST /api/v1/risks/{id}/acceptance and a justification`;
  }

  private requireControls(controls: RiskControlRefDto[] | undefined): RiskControlRef[] {
    const refs = (controls ?? []).map((c, i) => {
      if (!this.catalog.find(c.framework as CatalogFramework, c.ref)) throw badRequest(`no control '${c.ref}' in ${c.framework}`, `controls.${i}.ref`);
      return { framework: c.framework, ref: c.ref };
    });
    refs.forEach((c, i) => {
      if (refs.findIndex((d) => d.framework === c.framework && d.ref === c.ref) !== i) throw badRequest(`${c.framework} ${c.ref} is listed twice`, `controls.${i}`);
    });
    return refs;
  }

  private async requirePdcaItems(m: EntityManager, ids: string[] | undefined): Promise<string[]> {
    if (!ids?.length) return [];
    const found = new Set((await m.findBy(PdcaItemEntity, { id: In(ids) })).map((p) => p.id));
    ids.forEach((id, i) => {
      if (!found.has(id)) throw badRequest(`no PDCA item ${id}`, `pdcaItemIds.${i}`);
    });
    return ids;
  }

  private async requireSystems(m: EntityManager, ids: string[], field: string): Promise<AiSystemEntity[]> {
    if (!ids.length) return [];
    const systems = await m.findBy(AiSystemEntity, { id: In(ids) });
    ids.forEach((id, i) => {
      if (!systems.some((s) => s.id === id)) throw badRequest(`no AI system ${id}`, `${field}.${i}`);
    });
    return systems;
  }

  private async systemIdsOf(m: EntityManager, riskId: string): Promise<string[]> {
    return (await m.findBy(RiskAiSystemEntity, { riskId })).map((l) => l.aiSystemId);
  }

  /** May `me` read this risk (a role that sees all, its owner, or the owner of a system it concerns)? */
  async requireRead(m: EntityManager, risk: RiskEntity, systemIds: string[], me: UserPrincipal): Promise<void> {
    if (allows(me, 'risk.read', { ownerId: risk.ownerId })) return;
    const mine = systemIds.length ? await m.countBy(AiSystemEntity, { id: In(systemIds), accountableOwnerId: me.id }) : 0;
    requireAllowed(me, 'risk.read', { ownerId: risk.ownerId, systemOwnerId: mine > 0 ? me.id : null });
  }

  private view(m: EntityManager, risk: RiskEntity): Promise<RiskView> {
    return this.systemIdsOf(m, risk.id).then((ids) => toRiskView(risk, ids));
  }

  private async audit(tx: EntityManager, risk: RiskEntity, systemIds: string[], eventType: string, me: UserPrincipal, payload: Record<string, unknown>): Promise<void> {
    await appendNextAuditEvent(tx, {
      streamId: riskAuditStream(risk.id),
      eventType,
      actorId: me.id,
      actorLabel: me.email,
      aiSystemId: systemIds.length === 1 ? systemIds[0] : null,
      payload,
      occurredAt: this.clock.now(),
    });
  }
}

/** What a risk's audit event records: everything that carries meaning, dates as ISO strings. */
export function auditable(r: RiskEntity): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}
