import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { CHECKLIST_RESULTS } from '@aigov/domain/review-checklist';

/** A pointer to evidence kept elsewhere; http(s) and a few document-system schemes only. */
export class EvidenceRefDto {
  @ApiProperty({ example: 'Q3 fairness report' })
  @IsString()
  @Length(1, 200)
  label: string;

  @ApiProperty({ example: 'https://reports.example.com/fairness/q3' })
  @IsString()
  @Length(1, 2000)
  @Matches(/^(https?|s3|gs|file|urn):\S+$/, { message: 'uri must be an http(s), s3, gs, file or urn reference without spaces' })
  uri: string;
}

export class ChecklistAnswerDto {
  @ApiProperty({ enum: CHECKLIST_RESULTS })
  @IsIn(CHECKLIST_RESULTS, { message: `result must be one of ${CHECKLIST_RESULTS.join(', ')}` })
  result: (typeof CHECKLIST_RESULTS)[number];

  @ApiPropertyOptional({ description: 'required for concern and fail' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

/** A PDCA item to open, as part of another decision (a review's remediation). */
export class CorrectiveActionDto {
  @ApiProperty({ example: 'Retrain on the Q3 data' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: 'Recall dropped below the agreed 0.85 for two months.' })
  @IsString()
  @Length(1, 4000)
  description: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the accountable owner' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: "defaults to the tier's review dueWithin from now" })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO-8601 date-time' })
  dueAt?: string;
}

/** An optional list of nested DTOs (evidence, datasets), each validated, at most `max`. */
export function OptionalNestedList(type: () => new () => object, description: string, max = 50): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [type()], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** An optional nested DTO (a model reference), validated. */
export function OptionalNested(type: () => new () => object, description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ type: type(), description }), IsOptional(), ValidateNested(), Type(type));
}

/** The AI systems a governed record (a risk, a piece of evidence) concerns: optional, distinct UUIDs, at most 50. */
export function OptionalAiSystemIds(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique(),
    IsUUID('all', { each: true, message: 'aiSystemIds must be UUIDs' }),
  );
}
