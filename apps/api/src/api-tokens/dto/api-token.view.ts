import { ApiProperty } from '@nestjs/swagger';
import type { ApiTokenEntity } from '@aigov/persistence/entities';
import { apiTokenStatus, ApiTokenStatus } from '../api-token-lifetime';

const STATUSES: ApiTokenStatus[] = ['active', 'expired', 'revoked'];

/** A token as listed: never its secret or its hash. */
export class ApiTokenView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'whose token it is' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'the first characters of the secret, to tell which token a script holds; null for tokens issued before prefixes were kept' })
  prefix: string | null;
  @ApiProperty({ enum: STATUSES }) status: ApiTokenStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the last request made with it (recorded at most once a minute)' })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, enum: ['revoked', 'deactivated'], nullable: true, description: 'revoked by a person, or its owner was deactivated' })
  revokedReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the token this one replaced by rotation' }) rotatedFromId: string | null;
}

export class IssuedApiTokenView {
  @ApiProperty({ type: ApiTokenView }) token: ApiTokenView;
  @ApiProperty({ description: 'the bearer token itself; shown only in this answer, only its SHA-256 is stored', example: 'aigov_…' }) secret: string;
}

export class RotatedApiTokenView extends IssuedApiTokenView {
  @ApiProperty({ type: ApiTokenView, description: 'the old token, now expiring at the end of the overlap (API_TOKEN_ROTATION_OVERLAP_HOURS) unless revoked sooner' })
  previous: ApiTokenView;
}

export function toApiTokenView(t: ApiTokenEntity, now: Date): ApiTokenView {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    prefix: t.prefix,
    status: apiTokenStatus(t, now),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    revokedReason: t.revokedReason,
    rotatedFromId: t.rotatedFromId,
  };
}
