import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { RecordMonitoringEventDto } from '../ai-systems/dto/lifecycle-actions.dto';

/** A monitoring event as a tool posts it: the event, and the AI system it is about. */
export class WebhookMonitoringEventDto extends RecordMonitoringEventDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId: string;
}
