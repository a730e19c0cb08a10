import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { USER_ROLES, UserRole } from '@aigov/domain/governance-policy.types';

/** Only the fields present change; null clears a manager or delegate. */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_ROLES.length)
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true, message: `each role must be one of ${USER_ROLES.join(', ')}` })
  roles?: UserRole[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  managerId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  outOfOfficeDelegateId?: string | null;

  @ApiPropertyOptional({ description: 'deactivated users cannot sign in and get no new tasks; they are never deleted' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
