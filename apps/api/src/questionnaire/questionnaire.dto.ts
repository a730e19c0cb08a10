import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { QUESTIONNAIRE_VERSION_PATTERN } from '@aigov/domain/questionnaire/questionnaire.types';
import { REASSESSMENT_STATES } from '@aigov/domain/questionnaire/reassessment';
import { PageQueryDto } from '../common/pagination';

/**
 * A questionnaire version as a document: the shape is checked by the domain's parser (field by
 * field, with the path of the first problem), so here it is only an object. The shipped file
 * config/questionnaire/impact-assessment.json is a complete example.
 */
export class QuestionnaireDefinitionDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      '{ version, title, note?, questions: [{ id, section, text, help?, type: boolean|choice|multi_choice|text, options?: [{ value, label }], required }], ' +
      'rules: [{ id, code, tier, questionId, when, text, reference }], otherwise: { code, questionId, text, reference } }. `when` is { question, equals } | ' +
      '{ question, in: [...] } | { question, answered: true } | { all: [...] } | { any: [...] } | { not: ... }. Problems answer 422 naming `definition.<path>`.',
  })
  @IsObject({ message: 'definition must be a questionnaire version (an object)' })
  definition: Record<string, unknown>;
}

export class SubmitQuestionnaireDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: "when owners must have re-assessed (in the future, within a year); default: the policy's questionnaire.reassessment.dueWithin after publication",
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO-8601 date-time' })
  dueAt?: string;
}

export class ImpactQuery extends PageQueryDto {}

export class ListReassessmentsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REASSESSMENT_STATES, description: 'overdue: open past its due date' })
  @IsOptional()
  @IsIn(REASSESSMENT_STATES, { message: `state must be one of ${REASSESSMENT_STATES.join(', ')}` })
  state?: (typeof REASSESSMENT_STATES)[number];

  @ApiPropertyOptional({ example: '2026-12.1', description: 'the questionnaire version that asked' })
  @IsOptional()
  @IsString()
  @Matches(QUESTIONNAIRE_VERSION_PATTERN, { message: 'version must be a questionnaire version label such as 2026-12.1' })
  version?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "one system's requests" })
  @IsOptional()
  @IsUUID('all', { message: 'systemId must be a UUID' })
  systemId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: "'true': the requests of the systems you own (anyone may ask); otherwise every request (oversight roles)" })
  @IsOptional()
  @IsIn(['true', 'false'], { message: "mine must be 'true' or 'false'" })
  mine?: 'true' | 'false';
}

export class AnswerReassessmentDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: "question id → answer, for every required question of the request's questionnaire version" })
  @IsObject({ message: 'answers must be an object of question id to answer' })
  answers: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '2.3.0+q2026-12.1',
    description: "when the tier changes: the version label the reclassified system deploys as once approved (default: the running version + 'q' + the questionnaire version)",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, { message: 'version must be 1-100 letters, digits, dots, dashes, underscores or plus signs' })
  version?: string;
}
