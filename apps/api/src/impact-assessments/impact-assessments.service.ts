import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateAnswers } from '@aigov/domain/questionnaire/questionnaire-answers';
import { evaluateQuestionnaire } from '@aigov/domain/questionnaire/questionnaire-rules';
import { rulesOf } from '@aigov/domain/questionnaire/questionnaire.parser';
import { ImpactAssessmentEntity } from '@aigov/persistence/entities';
import { submitImpactAssessmentUpdate } from '@aigov/workflows/lifecycle.definitions';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { AssessmentResultView, ImpactAssessmentView, toAiSystemView, toImpactAssessmentView } from '../ai-systems/dto/ai-system.view';
import { actorOf, UserPrincipal } from '../auth/principal';
import { badRequest } from '../common/api-error';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { RiskDraftsService } from '../risks/risk-drafts.service';
import { QuestionnaireRegistry } from '../questionnaire/questionnaire-registry.service';
import { AssessmentPreviewView } from './dto/assessment-preview.view';
import type { AssessmentTemplateView } from './dto/assessment-template.view';

const ANSWER_FIELD = 'answers.';

@Injectable()
export class ImpactAssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: AiSystemsService,
    private readonly lifecycle: LifecycleGateway,
    private readonly riskDrafts: RiskDraftsService,
    private readonly questionnaire: QuestionnaireRegistry,
  ) {}

  /** The questionnaire version in force (published versions: GET /questionnaire/versions). */
  async template(): Promise<AssessmentTemplateView> {
    const { definition } = await this.questionnaire.current();
    return { version: definition.version, questions: definition.questions };
  }

  /** Answers are checked here first so a bad form is a 400 naming the question, with nothing sent to the workflow. */
  async submit(systemId: string, answers: Record<string, unknown>, me: UserPrincipal): Promise<AssessmentResultView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.systems.load(systemId)));
    // Answered on the version in force, which the workflow receives to check and tier the answers by.
    const rules = rulesOf((await this.questionnaire.current()).definition);
    const [problem] = validateAnswers(rules, answers);
    if (problem) throw badRequest(`${problem.field} ${problem.reason}`, problem.field);
    const outcome = await this.lifecycle.update(systemId, submitImpactAssessmentUpdate, [
      { actor: actorOf(me), templateVersion: rules.version, answers, questionnaire: rules },
    ]);
    const loaded = await this.systems.load(systemId);
    // After the workflow accepted the assessment: one draft risk per high-risk trigger, for the owner to rate.
    // Keyed by system + assessment version + trigger, so a retried request (same Idempotency-Key) adds none.
    await this.riskDrafts.proposeFromAssessment(loaded, { version: outcome.version, riskTier: outcome.riskTier, reasons: outcome.reasons, answers }, me);
    const system = toAiSystemView(loaded);
    return { version: outcome.version, riskTier: outcome.riskTier, reasons: outcome.reasons, stage: system.stage, system };
  }

  /**
   * The tier before submitting, from the version in force by evaluateQuestionnaire (the function
   * the workflow's handler runs), so what the owner sees is what the submission will record.
   * Only the person who may submit asks; the stage is not checked, as nothing is written.
   */
  async preview(systemId: string, answers: Record<string, unknown>, me: UserPrincipal): Promise<AssessmentPreviewView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.systems.load(systemId)));
    const rules = rulesOf((await this.questionnaire.current()).definition);
    const unanswered: string[] = [];
    for (const problem of validateAnswers(rules, answers)) {
      // validateAnswers reports an unanswered required question as `answers.<id>` 'is required'
      if (problem.reason === 'is required' && problem.field.startsWith(ANSWER_FIELD)) unanswered.push(problem.field.slice(ANSWER_FIELD.length));
      else throw badRequest(`${problem.field} ${problem.reason}`, problem.field);
    }
    const result = evaluateQuestionnaire(rules, answers);
    return { templateVersion: rules.version, riskTier: result.riskTier, reasons: result.reasons, unanswered };
  }

  async history(systemId: string, me: UserPrincipal): Promise<ImpactAssessmentView[]> {
    requireAllowed(me, 'ai_system.read', aiSystemResource(await this.systems.load(systemId)));
    const rows = await this.dataSource.getRepository(ImpactAssessmentEntity).find({ where: { aiSystemId: systemId }, order: { version: 'ASC' } });
    return rows.map(toImpactAssessmentView);
  }
}
