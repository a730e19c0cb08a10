import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IMPACT_ASSESSMENT_TEMPLATE } from '@aigov/domain/impact-assessment.template';
import { validateAssessmentAnswers } from '@aigov/domain/risk-assessment';
import { ImpactAssessmentEntity } from '@aigov/persistence/entities';
import { submitImpactAssessmentUpdate } from '@aigov/workflows/lifecycle.definitions';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { AssessmentResultView, ImpactAssessmentView, toAiSystemView, toImpactAssessmentView } from '../ai-systems/dto/ai-system.view';
import { actorOf, UserPrincipal } from '../auth/principal';
import { badRequest } from '../common/api-error';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { RiskDraftsService } from '../risks/risk-drafts.service';

@Injectable()
export class ImpactAssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: AiSystemsService,
    private readonly lifecycle: LifecycleGateway,
    private readonly riskDrafts: RiskDraftsService,
  ) {}

  template() {
    return IMPACT_ASSESSMENT_TEMPLATE;
  }

  /** Answers are checked here first so a bad form is a 400 naming the question, with nothing sent to the workflow. */
  async submit(systemId: string, answers: Record<string, unknown>, me: UserPrincipal): Promise<AssessmentResultView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.systems.load(systemId)));
    const [problem] = validateAssessmentAnswers(answers);
    if (problem) throw badRequest(`${problem.field} ${problem.reason}`, problem.field);
    const outcome = await this.lifecycle.update(systemId, submitImpactAssessmentUpdate, [
      { actor: actorOf(me), templateVersion: IMPACT_ASSESSMENT_TEMPLATE.version, answers },
    ]);
    const loaded = await this.systems.load(systemId);
    // After the workflow accepted the assessment: one draft risk per high-risk trigger, for the owner to rate.
    // Keyed by system + assessment version + trigger, so a retried request (same Idempotency-Key) adds none.
    await this.riskDrafts.proposeFromAssessment(loaded, { version: outcome.version, riskTier: outcome.riskTier, reasons: outcome.reasons, answers }, me);
    const system = toAiSystemView(loaded);
    return { version: outcome.version, riskTier: outcome.riskTier, reasons: outcome.reasons, stage: system.stage, system };
  }

  async history(systemId: string, me: UserPrincipal): Promise<ImpactAssessmentView[]> {
    requireAllowed(me, 'ai_system.read', aiSystemResource(await this.systems.load(systemId)));
    const rows = await this.dataSource.getRepository(ImpactAssessmentEntity).find({ where: { aiSystemId: systemId }, order: { version: 'ASC' } });
    return rows.map(toImpactAssessmentView);
  }
}
