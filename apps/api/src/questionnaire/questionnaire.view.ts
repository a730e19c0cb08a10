import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_TYPES, QUESTIONNAIRE_VERSION_STATUSES } from '@aigov/domain/questionnaire/questionnaire.types';
import { REASSESSMENT_OUTCOMES, REASSESSMENT_STATES } from '@aigov/domain/questionnaire/reassessment';
import { RISK_TIERS, RiskReason } from '@aigov/domain/risk-tier';
import { RISK_REASON_SCHEMA } from '../ai-systems/dto/ai-system.view';
import { AssessmentOptionView } from '../impact-assessments/dto/assessment-template.view';

/** A rule's condition: recursive ({ all: [...] }, { not: ... }), so an open object in the document. */
const CONDITION_SCHEMA = { type: 'object', additionalProperties: true, description: '{ question, equals } | { question, in } | { question, answered } | { all } | { any } | { not }' } as const;

export class QuestionView {
  @ApiProperty({ description: 'stable: answers are stored by it' }) id: string;
  @ApiProperty() section: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional() help?: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: string;
  @ApiPropertyOptional({ type: [AssessmentOptionView] }) options?: AssessmentOptionView[];
  @ApiProperty() required: boolean;
}

export class TierRuleView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'art5.social_scoring' }) code: string;
  @ApiProperty({ enum: RISK_TIERS }) tier: string;
  @ApiProperty() questionId: string;
  @ApiProperty(CONDITION_SCHEMA) when: Record<string, unknown>;
  @ApiProperty() text: string;
  @ApiProperty() reference: string;
}

export class FallbackReasonView {
  @ApiProperty() code: string;
  @ApiProperty() questionId: string;
  @ApiProperty() text: string;
  @ApiProperty() reference: string;
}

export class QuestionnaireDefinitionView {
  @ApiProperty({ example: '2026-12.1' }) version: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: [QuestionView] }) questions: QuestionView[];
  @ApiProperty({ type: [TierRuleView] }) rules: TierRuleView[];
  @ApiProperty({ type: FallbackReasonView }) otherwise: FallbackReasonView;
}

export class LastOutcomeView {
  @ApiProperty() round: number;
  @ApiProperty({ example: 'rejected' }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ReassessmentCountsView {
  @ApiProperty({ description: 're-assessments this version asked for' }) requested: number;
  @ApiProperty() open: number;
  @ApiProperty({ description: 'open past the due date' }) overdue: number;
  @ApiProperty() completed: number;
}

export class QuestionnaireVersionSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-12.1' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: QUESTIONNAIRE_VERSION_STATUSES }) status: string;
  @ApiProperty({ enum: ['file', 'api'], description: 'file: shipped in the repository; api: drafted and published here' }) source: string;
  @ApiProperty({ nullable: true, type: String, description: 'the version the draft started from' }) basedOn: string | null;
  @ApiProperty() questionCount: number;
  @ApiProperty() ruleCount: number;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the canonical JSON of the definition, once frozen' }) sha256: string | null;
  @ApiProperty({ description: 'publication rounds run so far' }) approvalRound: number;
  @ApiProperty({ type: [String], description: 'who saved the draft (none of them may approve its publication)' }) editorIds: string[];
  @ApiProperty({ nullable: true, type: LastOutcomeView, description: 'the last publication round that did not publish' }) lastOutcome: LastOutcomeView | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the re-assessment due date the submission asked for' }) requestedDueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ type: ReassessmentCountsView }) reassessments: ReassessmentCountsView;
}

export class QuestionnaireVersionListView {
  @ApiProperty({ type: [QuestionnaireVersionSummaryView], description: 'newest first' }) items: QuestionnaireVersionSummaryView[];
  @ApiProperty({ nullable: true, type: String, description: 'the version in force' }) current: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the draft (being edited or in its publication round)' }) draft: string | null;
}

export class QuestionnaireVersionView extends QuestionnaireVersionSummaryView {
  @ApiProperty({ nullable: true, type: QuestionnaireDefinitionView, description: 'null only for a version recorded before its file was loaded' })
  definition: QuestionnaireDefinitionView | null;
}

/** A field's value in a version: text, a flag, a list (options), a condition (an object). */
const FIELD_VALUE = [{ type: 'string' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }];

export class FieldChangeView {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true, oneOf: FIELD_VALUE, description: 'the value in the first version' }) from: unknown;
  @ApiProperty({ nullable: true, oneOf: FIELD_VALUE, description: 'the value in the second version' }) to: unknown;
}

export class ChangedItemView {
  @ApiProperty() id: string;
  @ApiProperty({ type: [FieldChangeView] }) changes: FieldChangeView[];
}

export class QuestionChangesView {
  @ApiProperty({ type: [QuestionView] }) added: QuestionView[];
  @ApiProperty({ type: [QuestionView] }) removed: QuestionView[];
  @ApiProperty({ type: [ChangedItemView] }) changed: ChangedItemView[];
}

export class RuleChangesView {
  @ApiProperty({ type: [TierRuleView] }) added: TierRuleView[];
  @ApiProperty({ type: [TierRuleView] }) removed: TierRuleView[];
  @ApiProperty({ type: [ChangedItemView] }) changed: ChangedItemView[];
}

export class QuestionnaireDiffView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: QuestionChangesView }) questions: QuestionChangesView;
  @ApiProperty({ type: RuleChangesView }) rules: RuleChangesView;
  @ApiProperty({ type: [FieldChangeView], description: 'the reason recorded when no rule applies' }) otherwise: FieldChangeView[];
  @ApiProperty({ description: 'true when nothing answers or tiers depend on differs (title and note aside)' }) empty: boolean;
}

export class SystemImpactView {
  @ApiProperty({ format: 'uuid' }) systemId: string;
  @ApiProperty() name: string;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ description: 'the version its latest assessment answered' }) answeredVersion: string;
  @ApiProperty({ nullable: true, enum: RISK_TIERS, description: 'the tier it runs under now' }) fromTier: string | null;
  @ApiProperty({ enum: RISK_TIERS, description: 'the tier its stored answers give whatever the unanswered questions are' }) lowestTier: string;
  @ApiProperty({ enum: RISK_TIERS, description: 'the highest tier an unanswered question could lead to' }) highestTier: string;
  @ApiProperty({ description: 'the stored answers settle the tier (no unanswered question can move it)' }) certain: boolean;
  @ApiProperty({ type: [String], description: 'unanswered questions whose answer could raise the tier' }) decidingQuestions: string[];
}

export class TierMoveView {
  @ApiProperty({ nullable: true, enum: RISK_TIERS }) fromTier: string | null;
  @ApiProperty({ enum: RISK_TIERS }) lowestTier: string;
  @ApiProperty({ enum: RISK_TIERS }) highestTier: string;
  @ApiProperty() systems: number;
}

export class QuestionnaireImpactView {
  @ApiProperty({ description: 'the version previewed' }) version: string;
  @ApiProperty({ description: 'the version in force it is compared with' }) against: string;
  @ApiProperty({ type: QuestionnaireDiffView }) diff: QuestionnaireDiffView;
  @ApiProperty({ description: 'live systems whose stored answers were re-evaluated' }) evaluated: number;
  @ApiProperty({ type: [TierMoveView], description: 'affected systems by tier move' }) moves: TierMoveView[];
  @ApiProperty({ type: [SystemImpactView], description: 'the systems whose tier will or could change, by name; paged' }) items: SystemImpactView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'affected systems in all' }) total: number;
}

export class QuestionnairePublicationView {
  @ApiProperty() version: string;
  @ApiProperty() round: number;
  @ApiProperty({ enum: QUESTIONNAIRE_VERSION_STATUSES }) status: string;
  @ApiProperty({ description: 'the publication workflow (approval round, then the re-assessments on durable timers)' }) workflowId: string;
}

export class ReassessmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-12.1', description: 'the version to answer' }) questionnaireVersion: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() aiSystemName: string;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ nullable: true, type: String, description: 'the version the stored answers were given to' }) answeredVersion: string | null;
  @ApiProperty({ nullable: true, enum: RISK_TIERS, description: 'the tier it runs under meanwhile' }) fromTier: string | null;
  @ApiProperty({ enum: RISK_TIERS }) lowestTier: string;
  @ApiProperty({ enum: RISK_TIERS }) highestTier: string;
  @ApiProperty({ type: [String] }) decidingQuestions: string[];
  @ApiProperty({ enum: REASSESSMENT_STATES, description: 'overdue: open past its due date' }) state: string;
  @ApiProperty({ nullable: true, enum: REASSESSMENT_OUTCOMES }) outcome: string | null;
  @ApiProperty() dueAt: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) remindedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, enum: RISK_TIERS, description: 'the tier the re-assessment gave' }) resultTier: string | null;
  @ApiProperty({ nullable: true, type: Number }) assessmentVersion: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the reclassification change a changed tier went into' }) materialChangeId: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'why it closed without an answer' }) closeReason: string | null;
}

export class ReassessmentListView {
  @ApiProperty({ type: [ReassessmentView] }) items: ReassessmentView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ReassessmentVersionSummaryView {
  @ApiProperty() version: string;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'answers that found a prohibited practice' }) prohibited: number;
  @ApiProperty({ nullable: true, type: String, description: 'the earliest due date of the open ones' }) nextDueAt: string | null;
}

export class ReassessmentSummaryView {
  @ApiProperty() open: number;
  @ApiProperty({ description: 'open past the due date: the dashboard’s figure' }) overdue: number;
  @ApiProperty() prohibited: number;
  @ApiProperty({ type: [ReassessmentVersionSummaryView] }) byVersion: ReassessmentVersionSummaryView[];
}

export class ReassessmentPreviewView {
  @ApiProperty() questionnaireVersion: string;
  @ApiProperty({ enum: RISK_TIERS, description: 'the tier these answers give; while `unanswered` is not empty, the tier so far' }) riskTier: string;
  @ApiProperty({ type: 'array', items: RISK_REASON_SCHEMA }) reasons: RiskReason[];
  @ApiProperty({ type: [String] }) unanswered: string[];
  @ApiProperty({ nullable: true, enum: RISK_TIERS, description: 'the tier in force' }) fromTier: string | null;
  @ApiProperty({
    enum: ['unchanged', 'reclassification', 'prohibited'],
    description: 'what submitting does: record the assessment (same tier), propose a reclassification for approval, or refuse it as prohibited',
  })
  path: string;
}

export class ReassessmentMaterialChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the version label the reclassified system deploys as once approved' }) version: string;
  @ApiProperty() status: string;
}

export class ReassessmentAnswerView {
  @ApiProperty({ enum: REASSESSMENT_OUTCOMES }) outcome: string;
  @ApiProperty({ enum: RISK_TIERS }) riskTier: string;
  @ApiProperty({ type: 'array', items: RISK_REASON_SCHEMA }) reasons: RiskReason[];
  @ApiProperty({ description: "the system's assessment version that recorded the answers" }) assessmentVersion: number;
  @ApiProperty({ nullable: true, type: ReassessmentMaterialChangeView }) materialChange: ReassessmentMaterialChangeView | null;
  @ApiProperty({ type: ReassessmentView }) request: ReassessmentView;
}
