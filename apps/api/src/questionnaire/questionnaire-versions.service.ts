import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { diffQuestionnaires } from '@aigov/domain/questionnaire/questionnaire-diff';
import { parseQuestionnaire, rulesOf } from '@aigov/domain/questionnaire/questionnaire.parser';
import { QuestionnaireDefinition, QuestionnaireValidationError, QUESTIONNAIRE_VERSION_PATTERN } from '@aigov/domain/questionnaire/questionnaire.types';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { QuestionnaireVersionEntity } from '@aigov/persistence/entities';
import { evaluateLiveSystems, questionnaireSha256 } from '@aigov/persistence/questionnaire-impact';
import {
  QUESTIONNAIRE_AUDIT_STREAM,
  QuestionnairePublicationInput,
  questionnairePublicationWorkflowId,
} from '@aigov/workflows/questionnaire-publication.contracts';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { ApiError, badRequest, conflict, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import { isoDate as iso } from '../common/iso-date';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import type { ImpactQuery, QuestionnaireDefinitionDto, SubmitQuestionnaireDto } from './questionnaire.dto';
import { QUESTIONNAIRE_LOCK, QuestionnaireRegistry } from './questionnaire-registry.service';
import type {
  QuestionnaireDiffView,
  QuestionnaireImpactView,
  QuestionnairePublicationView,
  QuestionnaireVersionListView,
  QuestionnaireVersionSummaryView,
  QuestionnaireVersionView,
  ReassessmentCountsView,
} from './questionnaire.view';

/** Registered workflow type (a string, so the API never loads workflow code). */
const QUESTIONNAIRE_PUBLICATION_WORKFLOW_TYPE = 'questionnairePublication';

/** How far ahead a publication may set the re-assessment due date. */
const LONGEST_DUE_MS = 366 * 24 * 3600 * 1000;

const unprocessable = (message: string, field: string) => new ApiError(422, message, field);

/**
 * The questionnaire's versions: read by everyone, drafted (one draft at a time, as a whole
 * document) and submitted for publication by the governance office. A submission freezes the
 * draft for its approval round (the `questionnairePublication` workflow), which publishes it,
 * asks the owners of the systems whose tier it could change to re-assess, and follows them up;
 * or hands the draft back. Every refusal is decided before anything is written.
 */
@Injectable()
export class QuestionnaireVersionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: QuestionnaireRegistry,
    private readonly temporal: LifecycleGateway,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(me: UserPrincipal): Promise<QuestionnaireVersionListView> {
    requireAllowed(me, 'questionnaire.read');
    const rows = await this.dataSource.getRepository(QuestionnaireVersionEntity).find({ order: { createdAt: 'DESC', version: 'DESC' } });
    const counts = await this.counts();
    return {
      items: rows.map((r) => toSummary(r, counts.get(r.id))),
      current: rows.find((r) => r.status === 'published')?.version ?? null,
      draft: rows.find((r) => r.isOpen)?.version ?? null,
    };
  }

  async get(version: string, me: UserPrincipal): Promise<QuestionnaireVersionView> {
    requireAllowed(me, 'questionnaire.read');
    const row = await this.find(this.dataSource.manager, version, 'version');
    return { ...toSummary(row, (await this.counts(row.id)).get(row.id)), definition: row.definition };
  }

  async diff(a: string, b: string, me: UserPrincipal): Promise<QuestionnaireDiffView> {
    requireAllowed(me, 'questionnaire.read');
    const m = this.dataSource.manager;
    return diffQuestionnaires(this.definitionOf(await this.find(m, a, 'a'), 'a'), this.definitionOf(await this.find(m, b, 'b'), 'b'));
  }

  /**
   * A stored version (typically the draft) re-evaluated against every live system; writes
   * nothing. It names every affected system, so it needs the right to list them all.
   */
  async impactOf(version: string, q: ImpactQuery, me: UserPrincipal): Promise<QuestionnaireImpactView> {
    requireAllowed(me, 'ai_system.list_all');
    const row = await this.find(this.dataSource.manager, version, 'version');
    return this.impact(this.definitionOf(row, 'version'), q);
  }

  /** An unsaved definition (the editor's text, an uploaded file) previewed the same way; writes nothing. */
  async preview(dto: QuestionnaireDefinitionDto, q: ImpactQuery, me: UserPrincipal): Promise<QuestionnaireImpactView> {
    requireAllowed(me, 'questionnaire.draft');
    return this.impact(parse(dto.definition), q);
  }

  async saveDraft(dto: QuestionnaireDefinitionDto, me: UserPrincipal): Promise<QuestionnaireVersionView> {
    requireAllowed(me, 'questionnaire.draft');
    const definition = parse(dto.definition);
    return this.dataSource.transaction(async (m) => {
      await m.query(QUESTIONNAIRE_LOCK);
      const open = await m.findOne(QuestionnaireVersionEntity, { where: { isOpen: true } });
      if (open?.status === 'in_approval') {
        throw conflict(`questionnaire version ${open.version} is in its publication round (round ${open.approvalRound}); edit it once the round has ended`);
      }
      const taken = await m.findOne(QuestionnaireVersionEntity, { where: { version: definition.version } });
      if (taken && taken.id !== open?.id) {
        throw conflict(`version ${definition.version} already exists (${taken.status}); a new version needs a new label`, 'definition.version');
      }
      const now = this.clock.now();
      const sha256 = questionnaireSha256(definition);
      if (open && open.definition && questionnaireSha256(open.definition) === sha256 && open.editorIds.includes(me.id)) {
        return this.get(open.version, me); // nothing changed: nothing written
      }
      const current = await this.registry.current(m);
      const fields = { version: definition.version, title: definition.title, note: definition.note ?? null, definition, updatedAt: now };
      let id = open?.id;
      if (open) {
        await m.update(QuestionnaireVersionEntity, { id: open.id }, { ...fields, editorIds: open.editorIds.includes(me.id) ? open.editorIds : [...open.editorIds, me.id] });
      } else {
        id = randomUUID();
        await m.insert(QuestionnaireVersionEntity, {
          ...fields,
          id,
          status: 'draft',
          isOpen: true,
          sha256: null,
          basedOn: current.version,
          source: 'api',
          editorIds: [me.id],
          approvalRound: 0,
          workflowId: null,
          submissionKey: null,
          submittedById: null,
          submittedAt: null,
          requestedDueAt: null,
          lastOutcome: null,
          publishedAt: null,
          createdAt: now,
        });
      }
      const diff = diffQuestionnaires(current.definition, definition);
      await appendNextAuditEvent(m, {
        streamId: QUESTIONNAIRE_AUDIT_STREAM,
        eventType: 'questionnaire.draft_saved',
        actorId: me.id,
        actorLabel: me.email,
        payload: {
          versionId: id,
          version: definition.version,
          basedOn: current.version,
          contentSha256: sha256,
          questionsAdded: diff.questions.added.map((q) => q.id),
          questionsRemoved: diff.questions.removed.map((q) => q.id),
          questionsChanged: diff.questions.changed.map((q) => q.id),
          rulesAdded: diff.rules.added.map((r) => r.id),
          rulesRemoved: diff.rules.removed.map((r) => r.id),
          rulesChanged: diff.rules.changed.map((r) => r.id),
        },
        occurredAt: now,
      });
      const saved = await m.findOneByOrFail(QuestionnaireVersionEntity, { id });
      return { ...toSummary(saved, undefined), definition: saved.definition };
    });
  }

  async discardDraft(me: UserPrincipal): Promise<void> {
    requireAllowed(me, 'questionnaire.draft');
    await this.dataSource.transaction(async (m) => {
      await m.query(QUESTIONNAIRE_LOCK);
      const open = await m.findOne(QuestionnaireVersionEntity, { where: { isOpen: true } });
      if (!open) throw notFound('there is no questionnaire draft');
      if (open.status === 'in_approval') throw conflict(`questionnaire version ${open.version} is in its publication round (round ${open.approvalRound}); it cannot be discarded now`);
      await m.delete(QuestionnaireVersionEntity, { id: open.id });
      await appendNextAuditEvent(m, {
        streamId: QUESTIONNAIRE_AUDIT_STREAM,
        eventType: 'questionnaire.draft_discarded',
        actorId: me.id,
        actorLabel: me.email,
        payload: { versionId: open.id, version: open.version, rounds: open.approvalRound },
        occurredAt: this.clock.now(),
      });
    });
  }

  async submit(dto: SubmitQuestionnaireDto, me: UserPrincipal): Promise<QuestionnairePublicationView> {
    requireAllowed(me, 'questionnaire.publish');
    const now = this.clock.now();
    const dueAt = dto.dueAt ? new Date(dto.dueAt) : null;
    if (dueAt && dueAt.getTime() <= now.getTime()) throw badRequest(`must be in the future; ${dto.dueAt} has passed`, 'dueAt');
    if (dueAt && dueAt.getTime() > now.getTime() + LONGEST_DUE_MS) throw badRequest('must be within a year of the publication', 'dueAt');
    const submissionKey = idempotentId('questionnaire-publication') ?? null;
    return this.dataSource.transaction(async (m) => {
      await m.query(QUESTIONNAIRE_LOCK);
      if (submissionKey) {
        // A resent submission (same Idempotency-Key) answers like the first did.
        const earlier = await m.findOne(QuestionnaireVersionEntity, { where: { submissionKey } });
        if (earlier) return { version: earlier.version, round: earlier.approvalRound, status: earlier.status, workflowId: earlier.workflowId! };
      }
      const open = await m.findOne(QuestionnaireVersionEntity, { where: { isOpen: true } });
      if (!open) throw conflict('there is no questionnaire draft to publish: save one first (PUT /api/v1/questionnaire/draft)');
      if (open.status === 'in_approval') throw conflict(`questionnaire version ${open.version} is already in its publication round (round ${open.approvalRound})`);
      const current = await this.registry.current(m);
      const draft = this.definitionOf(open, 'definition');
      if (diffQuestionnaires(current.definition, draft).empty) {
        throw unprocessable(`version ${open.version} changes nothing from version ${current.version}, the version in force: no question or rule differs`, 'definition');
      }
      const round = open.approvalRound + 1;
      const workflowId = questionnairePublicationWorkflowId(open.version, round);
      await m.update(QuestionnaireVersionEntity, { id: open.id }, {
        status: 'in_approval',
        approvalRound: round,
        workflowId,
        submittedById: me.id,
        submittedAt: now,
        submissionKey,
        requestedDueAt: dueAt,
        updatedAt: now,
      });
      await appendNextAuditEvent(m, {
        streamId: QUESTIONNAIRE_AUDIT_STREAM,
        eventType: 'questionnaire.submitted',
        actorId: me.id,
        actorLabel: me.email,
        payload: { versionId: open.id, version: open.version, round, replaces: current.version, editors: open.editorIds, workflowId, dueAt: dueAt?.toISOString() ?? null },
        occurredAt: now,
      });
      const input: QuestionnairePublicationInput = { versionId: open.id, version: open.version, round, submittedById: me.id, editorIds: open.editorIds };
      // Started before the commit: if Temporal refuses, nothing above is kept. The workflow's
      // first step (the round) reads only what this transaction wrote once it has committed.
      await this.temporal.startWorkflow(QUESTIONNAIRE_PUBLICATION_WORKFLOW_TYPE, workflowId, [input]);
      return { version: open.version, round, status: 'in_approval', workflowId };
    });
  }

  private async impact(definition: QuestionnaireDefinition, q: ImpactQuery): Promise<QuestionnaireImpactView> {
    const m = this.dataSource.manager;
    const current = await this.registry.current(m);
    const { evaluated, affected } = await evaluateLiveSystems(m, rulesOf(definition));
    const moves = new Map<string, { fromTier: string | null; lowestTier: string; highestTier: string; systems: number }>();
    for (const s of affected) {
      const key = `${s.fromTier}|${s.lowestTier}|${s.highestTier}`;
      const move = moves.get(key) ?? { fromTier: s.fromTier, lowestTier: s.lowestTier, highestTier: s.highestTier, systems: 0 };
      move.systems += 1;
      moves.set(key, move);
    }
    const start = (q.page - 1) * q.pageSize;
    return {
      version: definition.version,
      against: current.version,
      diff: diffQuestionnaires(current.definition, definition),
      evaluated,
      moves: [...moves.values()].sort((a, b) => b.systems - a.systems),
      items: affected.slice(start, start + q.pageSize),
      page: q.page,
      pageSize: q.pageSize,
      total: affected.length,
    };
  }

  private async find(m: EntityManager, version: string, field: string): Promise<QuestionnaireVersionEntity> {
    if (!QUESTIONNAIRE_VERSION_PATTERN.test(version)) throw badRequest('a questionnaire version label is 1-40 letters, digits, dots, dashes or underscores', field);
    const row = await m.findOne(QuestionnaireVersionEntity, { where: { version } });
    if (!row) throw notFound(`no questionnaire version ${version}`, field);
    return row;
  }

  private definitionOf(row: QuestionnaireVersionEntity, field: string): QuestionnaireDefinition {
    if (!row.definition) throw conflict(`version ${row.version} was recorded before its questions were loaded; they are not known`, field);
    return row.definition;
  }

  /** Re-assessments per version: requested, open, overdue, completed. */
  private async counts(versionId?: string): Promise<Map<string, ReassessmentCountsView>> {
    const rows: Array<{ version_id: string; requested: number; open: number; overdue: number; completed: number }> = await this.dataSource.query(
      `SELECT version_id, count(*)::int AS requested, count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND due_at < $1)::int AS overdue, count(*) FILTER (WHERE status = 'completed')::int AS completed
         FROM questionnaire_reassessments ${versionId ? 'WHERE version_id = $2' : ''} GROUP BY version_id`,
      versionId ? [this.clock.now(), versionId] : [this.clock.now()],
    );
    return new Map(rows.map((r) => [r.version_id, { requested: r.requested, open: r.open, overdue: r.overdue, completed: r.completed }]));
  }
}

/** The domain's parser, its first problem a 422 naming `definition.<path>`. */
function parse(raw: unknown): QuestionnaireDefinition {
  try {
    return parseQuestionnaire(raw);
  } catch (error) {
    if (error instanceof QuestionnaireValidationError) throw unprocessable(`${error.field || 'definition'} ${error.reason}`, error.field ? `definition.${error.field}` : 'definition');
    throw error;
  }
}

function toSummary(v: QuestionnaireVersionEntity, counts: ReassessmentCountsView | undefined): QuestionnaireVersionSummaryView {
  return {
    id: v.id,
    version: v.version,
    title: v.title,
    note: v.note,
    status: v.status,
    source: v.source,
    basedOn: v.basedOn,
    questionCount: v.definition?.questions.length ?? 0,
    ruleCount: v.definition?.rules.length ?? 0,
    sha256: v.sha256,
    approvalRound: v.approvalRound,
    editorIds: v.editorIds,
    lastOutcome: v.lastOutcome,
    submittedAt: iso(v.submittedAt),
    requestedDueAt: iso(v.requestedDueAt),
    publishedAt: iso(v.publishedAt),
    reassessments: counts ?? { requested: 0, open: 0, overdue: 0, completed: 0 },
  };
}
