import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES } from '@aigov/domain/governance-policy.types';
import type { UserEntity } from '@aigov/persistence/entities';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) managerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) outOfOfficeDelegateId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
}

export class CreatedUserView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'personal API token; shown once, only its hash is stored' }) token: string;
}

export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    managerId: u.managerId,
    outOfOfficeDelegateId: u.outOfOfficeDelegateId,
    active: u.active,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}
