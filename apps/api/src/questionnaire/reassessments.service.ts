import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { validateAnswers } from '@aigov/domain/questionnaire/questionnaire-answers';
import { evaluateQuestionnaire } from '@aigov/domain/questionnaire/questionnaire-rules';
import { rulesOf } from '@aigov/domain/questionnaire/questionnaire.parser';
import type { QuestionnaireRules } from '@aigov/domain/questionnaire/questionnaire.types';
import { RECLASSIFIABLE_STAGES, reassessmentState, reclassifiedVersionLabel, ReassessmentOutcome } from '@aigov/domain/questionnaire/reassessment';
import type { RiskTier } from '@aigov/domain/risk-tier';
import { AiSystemEntity, MaterialChangeEntity, QuestionnaireReassessmentEntity } from '@aigov/persistence/entities';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { proposeMaterialChangeUpdate, recordReassessmentUpdate, submitImpactAssessmentUpdate } from '@aigov/workflows/lifecycle.definitions';
import type { AssessmentOutcome } from '@aigov/workflows/lifecycle.types';
import { questionnaireReassessmentsWorkflowId, reassessmentAuditStream, reassessmentClosedSignal } from '@aigov/workflows/questionnaire-publication.contracts';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { actorOf, UserPrincipal } from '../auth/principal';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { badRequest, conflict, notFound } from '../common/api-error';
import { isoDate as iso } from '../common/iso-date';
import { RiskDraftsService } from '../risks/risk-drafts.service';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import type { AnswerReassessmentDto, ListReassessmentsQuery } from './questionnaire.dto';
import { QuestionnaireRegistry } from './questionnaire-registry.service';
import type { ReassessmentAnswerView, ReassessmentListView, ReassessmentPreviewView, ReassessmentSummaryView, ReassessmentView } from './questionnaire.view';

const ANSWER_FIELD = 'answers.';

interface Row {
  id: string;
  version_id: string;
  questionnaire_version: string;
  ai_system_id: string;
  system_name: string;
  stage: string;
  owner_id: string;
  owner_name: string;
  answered_version: string | null;
  from_tier: RiskTier | null;
  lowest_tier: RiskTier;
  highest_tier: RiskTier;
  deciding_questions: string[];
  status: QuestionnaireReassessmentEntity['status'];
  outcome: ReassessmentOutcome | null;
  due_at: Date;
  requested_at: Date;
  reminded_at: Date | null;
  escalated_at: Date | null;
  result_tier: RiskTier | null;
  assessment_version: number | null;
  material_change_id: string | null;
  closed_at: Date | null;
  close_reason: string | null;
}

const SELECT = `SELECT r.id, r.version_id, r.questionnaire_version, r.ai_system_id, s.name AS system_name, s.stage, r.owner_id, u.name AS owner_name,
         r.answered_version, r.from_tier, r.lowest_tier, r.highest_tier, r.deciding_questions, r.status, r.outcome, r.due_at, r.requested_at,
         r.reminded_at, r.escalated_at, r.result_tier, r.assessment_version, r.material_change_id, r.closed_at, r.close_reason
    FROM questionnaire_reassessments r JOIN ai_systems s ON s.id = r.ai_system_id JOIN users u ON u.id = r.owner_id`;

/**
 * The re-assessments a published questionnaire version asked for, and their answers. An
 * answer is checked against the request's version and evaluated by the same function the
 * workflow runs: the tier in force stays (recorded as the system's next assessment, the
 * lifecycle's `recordReassessment`), or it changes (a `reclassification` material change is
 * proposed and the assessment submitted to it: the existing path, with its approval round,
 * while the approved version keeps running). Refusals come before anything is written.
 */
@Injectable()
export class ReassessmentsService {
  private readonly logger = new Logger('Reassessments');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: QuestionnaireRegistry,
    private readonly systems: AiSystemsService,
    private readonly lifecycle: LifecycleGateway,
    private readonly riskDrafts: RiskDraftsService,
    private readonly client: Client,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(q: ListReassessmentsQuery, me: UserPrincipal): Promise<ReassessmentListView> {
    const now = this.clock.now();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.mine === 'true') {
      add('s.accountable_owner_id = ?', me.id);
    } else if (q.systemId) {
      requireAllowed(me, 'ai_system.read', aiSystemResource(await this.systems.load(q.systemId)));
    } else {
      requireAllowed(me, 'reassessment.list_all');
    }
    if (q.systemId) add('r.ai_system_id = ?', q.systemId);
    if (q.version) add('r.questionnaire_version = ?', q.version);
    if (q.state === 'overdue') add(`r.status = 'open' AND r.due_at < ?::timestamptz`, now);
    else if (q.state === 'open') add(`r.status = 'open' AND r.due_at >= ?::timestamptz`, now);
    else if (q.state) add('r.status = ?', q.state);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM questionnaire_reassessments r JOIN ai_systems s ON s.id = r.ai_system_id ${filter}`,
      params,
    );
    // Open ones first, the soonest due first.
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} ${filter} ORDER BY (r.status = 'open') DESC, r.due_at, s.name, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: rows.map((r) => toView(r, now)), page: q.page, pageSize: q.pageSize, total };
  }

  async summary(me: UserPrincipal): Promise<ReassessmentSummaryView> {
    requireAllowed(me, 'reassessment.list_all');
    const rows: Array<{ version: string; open: number; overdue: number; completed: number; prohibited: number; next_due_at: Date | null }> = await this.dataSource.query(
      `SELECT questionnaire_version AS version, count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND due_at < $1)::int AS overdue,
              count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE outcome = 'prohibited')::int AS prohibited,
              min(due_at) FILTER (WHERE status = 'open') AS next_due_at
         FROM questionnaire_reassessments GROUP BY questionnaire_version ORDER BY min(requested_at) DESC`,
      [this.clock.now()],
    );
    const sum = (k: 'open' | 'overdue' | 'prohibited') => rows.reduce((n, r) => n + r[k], 0);
    return {
      open: sum('open'),
      overdue: sum('overdue'),
      prohibited: sum('prohibited'),
      byVersion: rows.map((r) => ({ version: r.version, open: r.open, overdue: r.overdue, completed: r.completed, prohibited: r.prohibited, nextDueAt: iso(r.next_due_at) })),
    };
  }

  async get(id: string, me: UserPrincipal): Promise<ReassessmentView> {
    const row = await this.row(id);
    requireAllowed(me, 'ai_system.read', aiSystemResource(await this.systems.load(row.ai_system_id)));
    return toView(row, this.clock.now());
  }

  /** The tier and path these answers would take, before submitting; writes nothing. Unanswered required questions are listed. */
  async preview(id: string, answers: Record<string, unknown>, me: UserPrincipal): Promise<ReassessmentPreviewView> {
    const row = await this.row(id);
    const system = await this.systems.load(row.ai_system_id);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    const rules = await this.rules(row.questionnaire_version);
    const unanswered: string[] = [];
    for (const problem of validateAnswers(rules, answers)) {
      if (problem.reason === 'is required' && problem.field.startsWith(ANSWER_FIELD)) unanswered.push(problem.field.slice(ANSWER_FIELD.length));
      else throw badRequest(`${problem.field} ${problem.reason}`, problem.field);
    }
    const result = evaluateQuestionnaire(rules, answers);
    const path = result.riskTier === system.riskTier ? 'unchanged' : result.riskTier === 'prohibited' ? 'prohibited' : 'reclassification';
    return { questionnaireVersion: rules.version, riskTier: result.riskTier, reasons: result.reasons, unanswered, fromTier: system.riskTier, path };
  }

  async answer(id: string, dto: AnswerReassessmentDto, me: UserPrincipal): Promise<ReassessmentAnswerView> {
    const row = await this.row(id);
    const system = await this.systems.load(row.ai_system_id);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    if (row.status !== 'open') {
      throw conflict(`this re-assessment is already ${row.status}${row.outcome ? ` (${row.outcome.replace(/_/g, ' ')})` : ''}${row.close_reason ? `: ${row.close_reason}` : ''}`);
    }
    const rules = await this.rules(row.questionnaire_version);
    const [problem] = validateAnswers(rules, dto.answers);
    if (problem) throw badRequest(`${problem.field} ${problem.reason}`, problem.field);
    const tier = evaluateQuestionnaire(rules, dto.answers).riskTier;
    const actor = actorOf(me);
    const input = { actor, templateVersion: rules.version, answers: dto.answers, questionnaire: rules };

    if (tier === system.riskTier) {
      // The workflow has the last word: it refuses (409) a stage without a tier in force, an open change, or a tier that moved meanwhile.
      const outcome = await this.lifecycle.update(system.id, recordReassessmentUpdate, [input]);
      return this.complete(row, 'unchanged', outcome, null, me);
    }
    if (!(RECLASSIFIABLE_STAGES as readonly string[]).includes(system.stage)) {
      throw conflict(
        `these answers give tier '${tier}', not the '${system.riskTier}' in force: a changed tier is re-approved through a material change, ` +
          `which needs the system in ${RECLASSIFIABLE_STAGES.join(' or ')}; it is in '${system.stage}'. Answer again once it is`,
        'answers',
      );
    }
    const change = await this.reclassification(row, system, tier, dto.version, me);
    const outcome = await this.lifecycle.update(system.id, submitImpactAssessmentUpdate, [input]);
    // As for any assessment the workflow accepted: one draft risk per high-risk trigger, for the owner to rate.
    await this.riskDrafts.proposeFromAssessment(await this.systems.load(system.id), { version: outcome.version, riskTier: outcome.riskTier, reasons: outcome.reasons, answers: dto.answers }, me);
    return this.complete(row, outcome.riskTier === 'prohibited' ? 'prohibited' : 'change_proposed', outcome, change.id, me);
  }

  /**
   * The reclassification change the answer goes into: proposed now (the running version's model
   * and datasets, a new version label), or the one an earlier attempt proposed and left waiting
   * for its assessment (the request remembers it), so a retry never proposes twice.
   */
  private async reclassification(row: Row, system: AiSystemEntity, tier: RiskTier, label: string | undefined, me: UserPrincipal): Promise<MaterialChangeEntity> {
    const m = this.dataSource.manager;
    if (row.material_change_id) {
      const earlier = await m.findOneBy(MaterialChangeEntity, { id: row.material_change_id });
      if (earlier?.status === 'assessment') return earlier;
    }
    const [running] = await m.query(
      `SELECT model_artifact, data_artifacts FROM deployments WHERE ai_system_id = $1 AND version = $2 ORDER BY deployed_at DESC LIMIT 1`,
      [system.id, system.currentVersion],
    );
    const version = label ?? reclassifiedVersionLabel(system.currentVersion ?? 'unversioned', row.questionnaire_version);
    const view = await this.lifecycle.update(system.id, proposeMaterialChangeUpdate, [
      {
        actor: actorOf(me),
        kinds: ['reclassification'],
        description:
          `Re-assessed on impact assessment questionnaire ${row.questionnaire_version}: the answers give tier ${tier}; the system runs as ${system.riskTier}. ` +
          `The same system, reclassified for approval; version ${system.currentVersion} keeps running meanwhile.`,
        version,
        model: running?.model_artifact ?? null,
        datasets: running?.data_artifacts ?? [],
        newPurpose: null,
        newAffectedGroups: [],
      },
    ]);
    const changeId = view.materialChange!.id;
    await m.update(QuestionnaireReassessmentEntity, { id: row.id }, { materialChangeId: changeId });
    return m.findOneByOrFail(MaterialChangeEntity, { id: changeId });
  }

  private async complete(row: Row, outcome: ReassessmentOutcome, assessed: AssessmentOutcome, changeId: string | null, me: UserPrincipal): Promise<ReassessmentAnswerView> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      // Open, or closed by the publication workflow as 'assessed otherwise' in the moment between the
      // workflow recording this very assessment and this write: either way, this answer's outcome.
      await m.query(
        `UPDATE questionnaire_reassessments SET status = 'completed', outcome = $2, result_tier = $3, assessment_version = $4, material_change_id = coalesce($5, material_change_id),
                closed_by_id = $6, closed_at = $7
          WHERE id = $1 AND (status = 'open' OR (status = 'completed' AND outcome = 'assessed_otherwise' AND assessment_version = $4))`,
        [row.id, outcome, assessed.riskTier, assessed.version, changeId, me.id, now],
      );
      await appendNextAuditEvent(m, {
        streamId: reassessmentAuditStream(row.ai_system_id),
        eventType: 'reassessment.completed',
        actorId: me.id,
        actorLabel: me.email,
        aiSystemId: row.ai_system_id,
        payload: { requestId: row.id, questionnaireVersion: row.questionnaire_version, outcome, fromTier: row.from_tier, resultTier: assessed.riskTier, assessmentVersion: assessed.version, materialChangeId: changeId },
        occurredAt: now,
      });
    });
    await this.tellPublication(row, outcome);
    const change = changeId ? await this.dataSource.manager.findOneBy(MaterialChangeEntity, { id: changeId }) : null;
    return {
      outcome,
      riskTier: assessed.riskTier,
      reasons: assessed.reasons,
      assessmentVersion: assessed.version,
      materialChange: change ? { id: change.id, version: change.proposedVersion, status: change.status } : null,
      request: toView(await this.row(row.id), now),
    };
  }

  /**
   * Wakes the version's follow-up workflow when it has something to do now: report a prohibited
   * finding, or end because nothing is open. Best effort: its next timer does both.
   */
  private async tellPublication(row: Row, outcome: ReassessmentOutcome): Promise<void> {
    const [{ open }] = await this.dataSource.query(`SELECT count(*)::int AS open FROM questionnaire_reassessments WHERE version_id = $1 AND status = 'open'`, [row.version_id]);
    if (outcome !== 'prohibited' && open > 0) return;
    const workflowId = questionnaireReassessmentsWorkflowId(row.questionnaire_version);
    try {
      await this.client.workflow.getHandle(workflowId).signal(reassessmentClosedSignal);
    } catch (error) {
      this.logger.warn(`could not signal ${workflowId}: ${(error as Error).message}; its next timer picks the answer up`);
    }
  }

  private async rules(version: string): Promise<QuestionnaireRules> {
    const v = await this.registry.byVersion(version);
    if (!v?.definition) throw conflict(`questionnaire version ${version} has no questions on record`);
    return rulesOf(v.definition);
  }

  private async row(id: string): Promise<Row> {
    const [row]: Row[] = await this.dataSource.query(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFound(`re-assessment ${id} does not exist`, 'id');
    return row;
  }
}

function toView(r: Row, now: Date): ReassessmentView {
  return {
    id: r.id,
    questionnaireVersion: r.questionnaire_version,
    aiSystemId: r.ai_system_id,
    aiSystemName: r.system_name,
    stage: r.stage,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    answeredVersion: r.answered_version,
    fromTier: r.from_tier,
    lowestTier: r.lowest_tier,
    highestTier: r.highest_tier,
    decidingQuestions: r.deciding_questions,
    state: reassessmentState(r.status, new Date(r.due_at), now),
    outcome: r.outcome,
    dueAt: new Date(r.due_at).toISOString(),
    requestedAt: new Date(r.requested_at).toISOString(),
    remindedAt: iso(r.reminded_at),
    escalatedAt: iso(r.escalated_at),
    resultTier: r.result_tier,
    assessmentVersion: r.assessment_version,
    materialChangeId: r.material_change_id,
    closedAt: iso(r.closed_at),
    closeReason: r.close_reason,
  };
}
