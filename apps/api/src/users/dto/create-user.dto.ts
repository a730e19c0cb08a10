import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { USER_ROLES, UserRole } from '@aigov/domain/governance-policy.types';

export class CreateUserDto {
  @ApiProperty({ example: 'olga.owner@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 254)
  email: string;

  @ApiProperty({ example: 'Olga Owner' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['product_owner'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_ROLES.length)
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true, message: `each role must be one of ${USER_ROLES.join(', ')}` })
  roles: UserRole[];

  @ApiPropertyOptional({ format: 'uuid', description: 'line manager; policies can route approvals to the owner’s manager' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'receives this person’s approval tasks while they are away' })
  @IsOptional()
  @IsUUID()
  outOfOfficeDelegateId?: string;
}
