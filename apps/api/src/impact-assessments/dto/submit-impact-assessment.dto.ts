import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class SubmitImpactAssessmentDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'question id → answer, for every required question of GET /impact-assessments/template',
  })
  @IsObject({ message: 'answers must be an object of question id to answer' })
  answers: Record<string, unknown>;
}
