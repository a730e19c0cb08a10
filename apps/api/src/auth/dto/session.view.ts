import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES } from '@aigov/domain/governance-policy.types';

export class SessionUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) roles: string[];
}

export const SESSION_VIA = ['session', 'token'] as const;

export class SessionView {
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'send as X-CSRF-Token with every POST, PUT, PATCH and DELETE made with the session cookie; null with a bearer token, which needs none',
  })
  csrfToken: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the session ends at this time however active it is; null with a bearer token' })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the session ends at this time unless used before; each request moves it on' })
  idleExpiresAt: string | null;

  @ApiProperty({ enum: SESSION_VIA, description: 'how this request was authenticated: the session cookie or a bearer token' })
  via: (typeof SESSION_VIA)[number];
}
