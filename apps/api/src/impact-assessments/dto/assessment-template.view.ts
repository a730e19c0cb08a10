import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** libs/domain's questionnaire (impact-assessment.template.ts) in the OpenAPI document, so clients get its types. */
export class AssessmentOptionView {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
}

export class AssessmentQuestionView {
  @ApiProperty({ description: 'stable: answers are stored by it' }) id: string;
  @ApiProperty() section: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional() help?: string;
  @ApiProperty({ enum: ['boolean', 'choice', 'multi_choice', 'text'] }) type: string;
  @ApiPropertyOptional({ type: [AssessmentOptionView] }) options?: AssessmentOptionView[];
  @ApiProperty() required: boolean;
}

export class AssessmentTemplateView {
  @ApiProperty({ example: '2026-11.1' }) version: string;
  @ApiProperty({ type: [AssessmentQuestionView] }) questions: AssessmentQuestionView[];
}
