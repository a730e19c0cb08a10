import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { APPROVAL_DECISIONS, REVIEW_DECISIONS } from '@aigov/domain/approval-quorum';
import { parseActionToken } from '@aigov/notifications/action-token';
import { ActionTokenEntity, AiSystemEntity, ImpactAssessmentEntity, TaskEntity, UserEntity } from '@aigov/persistence/entities';
import { conflict, forbidden, gone, notFound } from '../common/api-error';
import { DecisionResult, ReviewDecisionDetails, TaskDecisionService } from '../tasks/task-decision.service';
import type { ActionPageSystemDetails, ActionPageTask } from './action-page.template';
import { describeAssessmentAnswers } from './assessment-answers';
import { describeApprovalSubject } from '@aigov/persistence/approval-subject.description';

/**
 * Emailed action links: the link itself is the credential, bound to one task and one person,
 * valid until it expires or is used once. Only the hash of its secret is stored.
 */
@Injectable()
export class ActionLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: TaskDecisionService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the confirmation page shows; reading it never writes anything. */
  async describe(token: string): Promise<ActionPageTask> {
    const link = await this.check(token, this.dataSource.getRepository(ActionTokenEntity).manager);
    const task = await this.dataSource.manager.findOneOrFail(TaskEntity, { where: { id: link.taskId } });
    if (task.status !== 'open') throw conflict(`this task is already ${task.status}`, 'token');
    const decisions = task.kind === 'approval' ? APPROVAL_DECISIONS : REVIEW_DECISIONS;
    if (task.aiSystemId === null) {
      // Another subject (an SoA version): its own name and facts instead of a system's.
      const subject = await describeApprovalSubject(this.dataSource.manager, task.subjectKind, task.subjectId);
      return { kind: task.kind, title: task.title, systemName: '', systemPurpose: '', riskTier: null, stepName: task.stepName, decisions, subject };
    }
    const system = await this.dataSource.manager.findOneOrFail(AiSystemEntity, { where: { id: task.aiSystemId } });
    return {
      kind: task.kind,
      title: task.title,
      systemName: system.name,
      systemPurpose: system.purpose,
      riskTier: system.riskTier,
      stepName: task.stepName,
      decisions,
      system: await this.systemDetails(system),
    };
  }

  /** What an approver needs to decide without opening anything else: summary, tier reasons, assessment answers. */
  private async systemDetails(system: AiSystemEntity): Promise<ActionPageSystemDetails> {
    const latest = await this.dataSource.manager.findOne(ImpactAssessmentEntity, { where: { aiSystemId: system.id }, order: { version: 'DESC' } });
    const yesNo = (value: boolean) => (value ? 'yes' : 'no');
    const list = (values: string[]) => (values.length ? values.join(', ') : 'none');
    return {
      facts: [
        { label: 'Stage', value: system.stage },
        { label: 'Intended use', value: system.intendedUse },
        { label: 'Business unit', value: system.businessUnit },
        { label: 'Deployment context', value: system.deploymentContext },
        { label: 'Model type', value: system.modelType },
        { label: 'Vendor', value: system.vendorType === 'in_house' ? 'built in house' : `${system.vendorType.replace('_', ' ')}${system.vendorName ? `: ${system.vendorName}` : ''}` },
        { label: 'Autonomy', value: system.autonomyLevel.replace(/_/g, ' ') },
        { label: 'Personal data', value: `${yesNo(system.personalData)}; special category data: ${yesNo(system.specialCategoryData)}` },
        { label: 'Data sources', value: list(system.dataSources) },
        { label: 'Data categories', value: list(system.dataCategories) },
        { label: 'Affected stakeholders', value: list(system.affectedStakeholders) },
        ...(system.currentVersion ? [{ label: 'Version', value: system.currentVersion }] : []),
      ],
      reasons: (system.riskReasons ?? []).map((r) => ({ text: r.text, reference: r.reference, tier: r.tier })),
      assessment: latest ? { version: latest.version, submittedAt: new Date(latest.submittedAt), answers: describeAssessmentAnswers(latest.answers) } : null,
    };
  }

  /**
   * Decides with the link's owner as the actor. The token row stays locked until the decision
   * is recorded, so a double click waits and then finds the link used; if the decision is
   * refused, the transaction rolls back and the link stays usable.
   */
  async decide(token: string, decision: string, comment: string | undefined, details: ReviewDecisionDetails = {}): Promise<DecisionResult> {
    return this.dataSource.transaction(async (tx) => {
      const link = await this.check(token, tx, true);
      const user = await tx.findOne(UserEntity, { where: { id: link.userId } });
      if (!user || !user.active) throw forbidden('the person this link was sent to is no longer active', 'token');
      const result = await this.decisions.decide(link.taskId, { userId: user.id, label: user.email }, decision, comment, undefined, details);
      await tx.update(ActionTokenEntity, { id: link.id }, { usedAt: this.clock.now() });
      return result;
    });
  }

  private async check(token: string, m: DataSource['manager'], lock = false): Promise<ActionTokenEntity> {
    const parsed = parseActionToken(this.config.actionLinkSecret, token);
    if (!parsed.ok) {
      if (parsed.reason === 'bad_signature') throw forbidden('this link has been altered', 'token');
      throw notFound('this link is not valid', 'token');
    }
    const link = await m.findOne(ActionTokenEntity, { where: { id: parsed.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!link) throw notFound('this link is not known', 'token');
    if (link.tokenHash !== parsed.tokenHash) throw forbidden('this link has been altered', 'token');
    if (link.usedAt) throw conflict('this link has already been used', 'token');
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) throw gone('this link has expired; use the task inbox instead', 'token');
    return link;
  }
}
