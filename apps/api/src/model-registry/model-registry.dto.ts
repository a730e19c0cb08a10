import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CHECKSUM_PATTERN } from '@aigov/domain/artifact-ref';
import { IsStorableText } from '../common/clean-text.validator';

/** Registered model names as the material change's model reference holds them (ArtifactRefDto.name). */
export const MAX_REGISTERED_MODEL_NAME = 200;

export class SetRegisteredModelDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'fraud-scoring',
    description: `the MLflow registered model this system runs, exactly as MLflow names it (names are case-sensitive; 1-${MAX_REGISTERED_MODEL_NAME} characters); null: none`,
  })
  @ValidateIf((_, value) => value !== null)
  @IsString({ message: 'registeredModelName must be a string or null' })
  @Length(1, MAX_REGISTERED_MODEL_NAME)
  @Matches(/^\S(.*\S)?$/s, { message: 'registeredModelName must not start or end with white space' })
  @Matches(/^[^\p{Cc}]*$/u, { message: 'registeredModelName must not contain control characters' })
  @IsStorableText()
  registeredModelName: string | null;
}

export class CompleteModelVersionProposalDto {
  @ApiProperty({
    example: `sha256:${'9f86d081884c7d65'.repeat(4)}`,
    description: "the checksum of the new version's model artifact (MLflow's webhook does not carry one): sha256:, sha384: or sha512: and the lower-case hex digest",
  })
  @IsString()
  @Matches(CHECKSUM_PATTERN, { message: 'checksum must be sha256:, sha384: or sha512: followed by the lower-case hex digest' })
  checksum: string;

  @ApiPropertyOptional({ example: 'fraud-scoring-v7', description: "the version label the changed system deploys as; default '<model>-v<registry version>'" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, { message: 'version must be 1-100 letters, digits, dots, dashes, underscores or plus signs' })
  version?: string;

  @ApiPropertyOptional({ description: "what changes and why; default: the registry's facts (model, version, source, run id, description)" })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @IsStorableText()
  description?: string;
}

export class DismissModelVersionProposalDto {
  @ApiProperty({ example: 'an experiment; it will not be deployed', description: 'why this version is not proposed (kept in the audit trail)' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  @IsStorableText()
  reason: string;
}
