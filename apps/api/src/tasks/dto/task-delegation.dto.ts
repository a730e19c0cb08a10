import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class TaskDelegationDto {
  @ApiProperty({ format: 'uuid', description: 'who takes the task over: someone the step asks for, or who shares an approving role with you' })
  @IsUUID('all', { message: 'delegateId must be a UUID' })
  delegateId: string;

  @ApiProperty({ description: 'why, for the audit trail and the delegate’s email', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
