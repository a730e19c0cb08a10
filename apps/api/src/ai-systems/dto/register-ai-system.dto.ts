import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { AUTONOMY_LEVELS, VENDOR_TYPES } from '@aigov/domain/ai-system-profile';
import { OptionalNested } from '../../common/governance-dto';
import { ScopeDto } from '../../scope/dto/scope.dto';

const TEXT = { min: 1, max: 2000 };

/** What a product owner records when registering a use case (ISO/IEC 42001 A.4 resources, A.6 life cycle). */
export class RegisterAiSystemDto {
  @ApiProperty({ example: 'Customer service chatbot' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'Answer customer questions about orders' })
  @IsString()
  @Length(TEXT.min, TEXT.max)
  purpose: string;

  @ApiProperty({ example: 'Self-service on the web shop; not for complaints' })
  @IsString()
  @Length(TEXT.min, TEXT.max)
  intendedUse: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the caller' })
  @IsOptional()
  @IsUUID()
  accountableOwnerId?: string;

  @ApiProperty({ example: 'Customer Service' })
  @IsString()
  @Length(1, 200)
  businessUnit: string;

  @ApiProperty({ type: [String], example: ['order database'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataSources: string[];

  @ApiProperty({ type: [String], example: ['contact data'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataCategories: string[];

  @ApiProperty()
  @IsBoolean()
  personalData: boolean;

  @ApiProperty({ description: 'GDPR Art. 9 special categories (health, biometrics, ...)' })
  @IsBoolean()
  specialCategoryData: boolean;

  @ApiProperty({ example: 'large language model' })
  @IsString()
  @Length(1, 200)
  modelType: string;

  @ApiProperty({ enum: VENDOR_TYPES })
  @IsIn(VENDOR_TYPES, { message: `vendorType must be one of ${VENDOR_TYPES.join(', ')}` })
  vendorType: (typeof VENDOR_TYPES)[number];

  @ApiPropertyOptional({ description: 'required for third-party systems' })
  // Decorators apply bottom-up and the first failure is answered: @Length sits above @IsString
  // so a missing name says it is required rather than that it is too short.
  @ValidateIf((o: RegisterAiSystemDto) => o.vendorType === 'third_party' || o.vendorName !== undefined)
  @Length(1, 200)
  @IsString({ message: 'vendorName is required for a third-party system' })
  vendorName?: string;

  @ApiProperty({ example: 'public website' })
  @IsString()
  @Length(1, 500)
  deploymentContext: string;

  @ApiProperty({ type: [String], example: ['customers'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  affectedStakeholders: string[];

  @ApiProperty({ enum: AUTONOMY_LEVELS })
  @IsIn(AUTONOMY_LEVELS, { message: `autonomyLevel must be one of ${AUTONOMY_LEVELS.join(', ')}` })
  autonomyLevel: (typeof AUTONOMY_LEVELS)[number];

  @OptionalNested(() => ScopeDto, 'the scope proposed: the data categories it may use, the tools it may call, the decisions it may take and its autonomy; the first approval freezes it (it can also be proposed later, until the approval round starts)')
  scope?: ScopeDto;
}
