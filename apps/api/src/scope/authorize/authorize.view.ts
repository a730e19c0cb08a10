import { ApiProperty } from '@nestjs/swagger';
import { SCOPE_AUTONOMY_LEVELS } from '@aigov/domain/scope/approved-scope';
import { DENY_REASONS } from '@aigov/domain/scope/authorize-decision';

export class AuthorizedScopeView {
  @ApiProperty() version: number;
  @ApiProperty({ description: 'SHA-256 of the approved scope (GET /ai-systems/{id}/scope shows it)' }) hash: string;
  @ApiProperty({ enum: SCOPE_AUTONOMY_LEVELS, description: 'the approved autonomy: with human_in_the_loop a person must confirm the action' }) autonomy: string;
}

export class AuthorizeView {
  @ApiProperty({ enum: ['allow', 'deny'] }) decision: 'allow' | 'deny';
  @ApiProperty({ enum: ['inside_scope', ...DENY_REASONS], description: 'machine-readable: inside_scope for an allow, else why it is denied' }) reason: string;
  @ApiProperty({ description: 'the decision as a sentence for people (logs, an agent’s explanation)' }) message: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the system decided on; null when none matched' }) systemId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'with outside_scope: the first target outside the approved scope' }) target: string | null;
  @ApiProperty({ type: [String], description: 'with outside_scope: every target outside it, in the order asked' }) outsideScope: string[];
  @ApiProperty({ type: String, nullable: true, description: 'the approved version in operation' }) runningVersion: string | null;
  @ApiProperty({ type: AuthorizedScopeView, nullable: true, description: 'the approved scope decided against' }) scope: AuthorizedScopeView | null;
}
