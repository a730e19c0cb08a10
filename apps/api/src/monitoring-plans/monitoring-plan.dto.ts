import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { BREACH_RESPONSES, MONITORING_PLAN_LIMITS, THRESHOLD_DIRECTIONS } from '@aigov/domain/monitoring-plan';
import { IsStorableText } from '../common/clean-text.validator';

export class MetricThresholdDto {
  @ApiProperty({ example: 0.85, description: 'a number; the boundary itself counts as within' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'threshold.value must be a number' })
  value: number;

  @ApiProperty({ enum: THRESHOLD_DIRECTIONS, description: 'at_least: the value is a floor; at_most: a ceiling' })
  @IsIn(THRESHOLD_DIRECTIONS, { message: `threshold.direction must be one of ${THRESHOLD_DIRECTIONS.join(', ')}` })
  direction: (typeof THRESHOLD_DIRECTIONS)[number];

  @ApiProperty({ example: 'ratio' })
  @IsString()
  @Length(1, MONITORING_PLAN_LIMITS.unit)
  @IsStorableText()
  unit: string;
}

export class MonitoringPlanMetricDto {
  @ApiProperty({ example: 'recall', description: 'stable key: lower-case letters, digits, _ . -; monitoring events name it in `metric`' })
  @IsString()
  @Length(1, MONITORING_PLAN_LIMITS.key)
  key: string;

  @ApiProperty({ example: 'Recall on confirmed cases' })
  @IsString()
  @Length(1, MONITORING_PLAN_LIMITS.name)
  @IsStorableText()
  name: string;

  @ApiProperty({ example: 'Share of confirmed fraud cases the model flagged' })
  @IsString()
  @Length(1, MONITORING_PLAN_LIMITS.measures)
  @IsStorableText()
  measures: string;

  @ApiProperty({ type: MetricThresholdDto })
  @ValidateNested()
  @Type(() => MetricThresholdDto)
  threshold: MetricThresholdDto;

  @ApiProperty({ example: 'weekly evaluation job (Airflow dag fraud_eval)' })
  @IsString()
  @Length(1, MONITORING_PLAN_LIMITS.dataSource)
  @IsStorableText()
  dataSource: string;

  @ApiProperty({ example: 'P1W', description: `ISO 8601 duration, at least ${MONITORING_PLAN_LIMITS.shortestCadence}` })
  @IsString()
  @Length(1, 40)
  cadence: string;

  @ApiProperty({ enum: BREACH_RESPONSES, description: 'what a result outside the threshold leads to' })
  @IsIn(BREACH_RESPONSES, { message: `onBreach must be one of ${BREACH_RESPONSES.join(', ')}` })
  onBreach: (typeof BREACH_RESPONSES)[number];
}

/** The whole plan: saving it makes the next version. */
export class SaveMonitoringPlanDto {
  @ApiProperty({ format: 'uuid', description: 'the person who sees that the metrics are checked at their cadence' })
  @IsUUID('all', { message: 'responsibleId must be a UUID' })
  responsibleId: string;

  @ApiProperty({ type: [MonitoringPlanMetricDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'a plan needs at least one metric' })
  @ArrayMaxSize(MONITORING_PLAN_LIMITS.metrics, { message: `a plan has at most ${MONITORING_PLAN_LIMITS.metrics} metrics` })
  @ValidateNested({ each: true })
  @Type(() => MonitoringPlanMetricDto)
  metrics: MonitoringPlanMetricDto[];

  @ApiProperty({ example: 'A breach opens an incident review; a breach lasting two checks proposes a material change; results go to the monthly risk review.' })
  @IsString()
  @Length(1, MONITORING_PLAN_LIMITS.feedback)
  @IsStorableText()
  feedback: string;

  @ApiPropertyOptional({ description: 'why this version: recorded with it and in the audit trail' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @IsStorableText()
  changeNote?: string;

  @ApiPropertyOptional({
    description: 'the version this edit started from (0 or absent for the first plan); another version in the meantime is a 409, so no edit is lost',
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class MetricFollowUpDto {
  @ApiProperty({ enum: ['incident', 'material_change', 'pdca_item'], description: 'incident: a monitoring event of kind incident' })
  @IsString()
  kind: string;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  id: string;
}

export class MetricCheckDto {
  @ApiProperty({ example: 0.88 })
  observedValue: number;

  @ApiProperty({ description: 'must agree with the value and the threshold' })
  withinThreshold: boolean;

  @ApiPropertyOptional({ description: 'required when outside the threshold' })
  note?: string;

  @ApiPropertyOptional({ type: MetricFollowUpDto, description: 'to continue past a breach: the incident, material change or PDCA item already opened for it' })
  followUp?: MetricFollowUpDto;
}

/**
 * A review's checks against the plan, as sent. Documented here; checked as a whole by the
 * domain's monitoringChecksProblem against the plan's current version (field paths such as
 * `monitoringChecks.metrics.recall.observedValue`).
 */
export class MonitoringChecksDto {
  @ApiProperty({ description: 'the plan version the review was filled in against (the current one)' })
  planVersion: number;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/MetricCheckDto' }, description: 'one result per metric key of the plan' })
  metrics: Record<string, MetricCheckDto>;
}
