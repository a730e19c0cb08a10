import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';

export class OutOfOfficeDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'who receives your approval tasks while you are away; null when you are back',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'delegateId must be a UUID or null' })
  delegateId: string | null;
}
