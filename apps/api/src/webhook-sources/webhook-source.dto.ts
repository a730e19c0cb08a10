import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsStorableText } from '../common/clean-text.validator';

/** The most systems one source lists by id (more: allow it all). */
export const MAX_SOURCE_SYSTEMS = 500;

/** `standard`: monitoring events signed in the Standard Webhooks scheme; `mlflow`: MLflow's model registry webhooks. */
export const WEBHOOK_SOURCE_KINDS = ['standard', 'mlflow'] as const;

export class CreateWebhookSourceDto {
  @ApiProperty({ example: 'Drift monitor (production)', description: 'unique, whatever its case' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  @IsStorableText()
  name: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_SOURCE_KINDS,
    default: 'standard',
    description: "what it sends: 'standard' monitoring events (Standard Webhooks signature) or 'mlflow' model registry webhooks (MLflow's X-MLflow-Signature); fixed once made",
  })
  @IsOptional()
  @IsIn(WEBHOOK_SOURCE_KINDS, { message: `kind must be one of ${WEBHOOK_SOURCE_KINDS.join(', ')}` })
  kind?: (typeof WEBHOOK_SOURCE_KINDS)[number];

  @ApiPropertyOptional({ default: false, description: 'may act on every AI system, now and later; then aiSystemIds is left out' })
  @IsOptional()
  @IsBoolean()
  allSystems?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: `the AI systems this source may send events about (1 to ${MAX_SOURCE_SYSTEMS}) unless allSystems` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SOURCE_SYSTEMS)
  @ArrayUnique({ message: 'aiSystemIds must not repeat a system' })
  @IsUUID('all', { each: true, message: 'each of aiSystemIds must be a UUID' })
  aiSystemIds?: string[];
}

export class UpdateWebhookSourceDto {
  @ApiPropertyOptional({ example: 'Drift monitor (EU region)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  @IsStorableText()
  name?: string;

  @ApiPropertyOptional({ description: 'true: every AI system; false: only aiSystemIds' })
  @IsOptional()
  @IsBoolean()
  allSystems?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the list of systems (with allSystems false or left out)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SOURCE_SYSTEMS)
  @ArrayUnique({ message: 'aiSystemIds must not repeat a system' })
  @IsUUID('all', { each: true, message: 'each of aiSystemIds must be a UUID' })
  aiSystemIds?: string[];
}

export const DEFAULT_ROTATION_OVERLAP_MINUTES = 24 * 60;

export class RotateWebhookSourceSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 7 * 24 * 60,
    default: DEFAULT_ROTATION_OVERLAP_MINUTES,
    description: 'how long the current secret stays valid beside the new one, so the sender can switch without losing deliveries; 0 ends it at once',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  previousSecretValidMinutes?: number;
}
