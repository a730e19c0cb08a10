import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** Bounds one request: the Temporal UI sends one event's payloads at a time. */
export const MAX_CODEC_PAYLOADS = 1000;
export const MAX_CODEC_METADATA_KEYS = 32;

/** A Temporal payload as the Temporal UI and CLI send it (protobuf JSON): bytes as base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    description: `metadata, each value base64 (e.g. encoding: base64 of "binary/encrypted"); at most ${MAX_CODEC_METADATA_KEYS} entries`,
  })
  @IsOptional()
  @IsObject({ message: 'metadata must be an object of base64 strings' })
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte', description: 'the payload bytes, base64' })
  @IsOptional()
  @IsString({ message: 'data must be a base64 string' })
  @MaxLength(1_048_576)
  data?: string;
}

/** The body of POST /temporal-codec/encode and /decode, and of their answers (Temporal's remote codec protocol). */
export class CodecPayloadsDto {
  @ApiProperty({ type: [CodecPayloadDto], description: `at most ${MAX_CODEC_PAYLOADS}` })
  @IsArray({ message: 'payloads must be an array' })
  @ArrayMaxSize(MAX_CODEC_PAYLOADS)
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads!: CodecPayloadDto[];
}
