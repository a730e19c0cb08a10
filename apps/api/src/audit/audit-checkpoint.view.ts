import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export class CheckpointJwkView {
  @ApiProperty({ example: 'OKP' }) kty: string;
  @ApiProperty({ example: 'Ed25519' }) crv: string;
  @ApiProperty({ description: 'the public key, base64url' }) x: string;
  @ApiProperty() kid: string;
  @ApiProperty({ example: 'EdDSA' }) alg: string;
  @ApiProperty({ example: 'sig' }) use: string;
}

export class CheckpointKeyView {
  @ApiProperty({ description: 'RFC 7638 JWK thumbprint (SHA-256, base64url); each checkpoint names the key that signed it' }) keyId: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: string;
  @ApiProperty({ type: CheckpointJwkView }) jwk: CheckpointJwkView;
  @ApiProperty({ description: 'SubjectPublicKeyInfo PEM' }) pem: string;
}

export class AuditCheckpointView {
  @ApiProperty() streamId: string;
  @ApiProperty({ description: 'the number of events the stream had' }) headSeq: number;
  @ApiProperty({ description: 'the hash of its event headSeq' }) headHash: string;
  @ApiProperty({ type: String, format: 'date-time' }) checkpointedAt: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ description: 'base64 Ed25519 signature over `message`' }) signature: string;
  @ApiProperty({
    description:
      'the exact UTF-8 bytes signed: canonical JSON (sorted keys, no whitespace) of {format: "aigov-audit-checkpoint/v1", streamId, headSeq, headHash, checkpointedAt}',
  })
  message: string;
}

export class AuditCheckpointsView {
  @ApiProperty({ type: [CheckpointKeyView], description: 'the key(s) that verify checkpoints; empty when signing is off' }) keys: CheckpointKeyView[];
  @ApiProperty({ type: [AuditCheckpointView], description: 'the newest checkpoint of each stream, by stream id' }) items: AuditCheckpointView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'streams with a checkpoint' }) total: number;
}

export class AuditCheckpointsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only this stream' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  streamId?: string;
}

/**
 * A checkpoint kept from an earlier GET /audit/checkpoints, to verify against: give all of
 * its fields, or none (the stored checkpoints are used).
 */
export class AuditVerifyQuery {
  @ApiPropertyOptional({ description: "a kept checkpoint's stream" })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  streamId?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  headSeq?: number;

  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'headHash must be 64 lower-case hex digits' })
  headHash?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'checkpointedAt must be an ISO-8601 date-time' })
  checkpointedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  keyId?: string;

  @ApiPropertyOptional({ description: 'base64' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{86}==$/, { message: 'signature must be a base64 Ed25519 signature (88 characters)' })
  signature?: string;
}

export class CheckpointFailureView {
  @ApiProperty({ enum: ['truncated', 'rewritten', 'bad_signature', 'unknown_key'] }) kind: string;
  @ApiProperty() streamId: string;
  @ApiProperty() headSeq: number;
  @ApiProperty() headHash: string;
  @ApiProperty({ type: String, format: 'date-time' }) checkpointedAt: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ type: Number, nullable: true, description: "the stream's newest seq now (null: the stream has no events)" }) currentHeadSeq: number | null;
  @ApiProperty() reason: string;
}

export class CheckpointVerificationView {
  @ApiProperty({ enum: ['stored', 'supplied'], description: "'supplied': the checkpoint given in the query; 'stored': every stored checkpoint" }) source: string;
  @ApiProperty({ description: 'checkpoints examined' }) checked: number;
  @ApiProperty({ description: 'failures found (the list holds the first 100)' }) failed: number;
  @ApiProperty({ type: [CheckpointFailureView] }) failures: CheckpointFailureView[];
}
