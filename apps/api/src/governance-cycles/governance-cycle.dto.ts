import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { PDCA_KINDS } from '@aigov/domain/pdca-item';

/** A decision or finding that becomes a PDCA item. */
export class FollowUpItemDto {
  @ApiProperty() @IsString() @Length(1, 200) title: string;
  @ApiProperty() @IsString() @Length(1, 4000) description: string;

  @ApiProperty({ enum: PDCA_KINDS })
  @IsIn(PDCA_KINDS, { message: `kind must be one of ${PDCA_KINDS.join(', ')}` })
  kind: (typeof PDCA_KINDS)[number];

  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'ownerId must be a UUID' }) ownerId: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO-8601 date-time' })
  dueAt: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'aiSystemId must be a UUID' }) aiSystemId?: string;
}

export class ManagementReviewMinutesDto {
  @ApiProperty() @IsString() @Length(1, 20000) minutes: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each attendee must be a user id' })
  attendeeIds: string[];

  @ApiProperty({ type: [FollowUpItemDto], description: 'each decision becomes a PDCA item' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FollowUpItemDto)
  decisions: FollowUpItemDto[];
}

export class AuditFindingDto extends FollowUpItemDto {
  @ApiProperty({ enum: ['nonconformity', 'improvement'] })
  @IsIn(['nonconformity', 'improvement'], { message: 'kind must be nonconformity or improvement' })
  declare kind: 'nonconformity' | 'improvement';
}

export class InternalAuditReportDto {
  @ApiProperty() @IsString() @Length(1, 20000) summary: string;

  @ApiProperty({ type: [AuditFindingDto], description: 'each finding becomes a PDCA item' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AuditFindingDto)
  findings: AuditFindingDto[];
}
