import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsStorableText } from '../../common/clean-text.validator';

/** The life a new token asks for: a date or a number of days (one or neither; neither takes the configured default). */
export class ApiTokenLifeDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'when the token stops working; at most the configured maximum (API_TOKEN_MAX_DAYS) from now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'days from now until the token stops working; default API_TOKEN_DEFAULT_DAYS (90)' })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class CreateApiTokenDto extends ApiTokenLifeDto {
  @ApiProperty({ example: 'CI pipeline', minLength: 1, maxLength: 100, description: 'what the token is for, to tell tokens apart' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  @IsStorableText()
  name: string;
}

/** Rotation keeps the name; the new token's life is asked for as at creation. */
export class RotateApiTokenDto extends ApiTokenLifeDto {}
