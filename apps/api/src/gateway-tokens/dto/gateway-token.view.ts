import { ApiProperty } from '@nestjs/swagger';
import type { GatewayTokenEntity } from '@aigov/persistence/entities';
import { apiTokenStatus, ApiTokenStatus } from '../../api-tokens/api-token-lifetime';
import { GATEWAY_KINDS } from './gateway-token.dto';

const STATUSES: ApiTokenStatus[] = ['active', 'expired', 'revoked'];

/** A gateway token as listed: never its secret or its hash. */
export class GatewayTokenView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() gatewayName: string;
  @ApiProperty({ enum: GATEWAY_KINDS }) gatewayKind: string;
  @ApiProperty({ description: 'the first characters of the secret, to tell which token a gateway holds' }) prefix: string;
  @ApiProperty({ enum: STATUSES }) status: ApiTokenStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid', description: 'the admin who issued it' }) createdById: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the last authorize call made with it (recorded at most once a minute)' })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the token this one replaced by rotation' }) rotatedFromId: string | null;
}

export class IssuedGatewayTokenView {
  @ApiProperty({ type: GatewayTokenView }) token: GatewayTokenView;
  @ApiProperty({ description: 'the bearer token itself; shown only in this answer, only its SHA-256 is stored', example: 'aigw_…' }) secret: string;
}

export class RotatedGatewayTokenView extends IssuedGatewayTokenView {
  @ApiProperty({ type: GatewayTokenView, description: 'the old token, now expiring at the end of the overlap (API_TOKEN_ROTATION_OVERLAP_HOURS) unless revoked sooner' })
  previous: GatewayTokenView;
}

export function toGatewayTokenView(t: GatewayTokenEntity, now: Date): GatewayTokenView {
  return {
    id: t.id,
    gatewayName: t.gatewayName,
    gatewayKind: t.gatewayKind,
    prefix: t.prefix,
    status: apiTokenStatus(t, now),
    createdAt: t.createdAt.toISOString(),
    createdById: t.createdById,
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    rotatedFromId: t.rotatedFromId,
  };
}
