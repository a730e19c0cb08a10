import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditCheckpointsService } from './audit-checkpoints.service';

@Module({ imports: [AiSystemsModule], controllers: [AuditTrailController], providers: [AuditTrailService, AuditCheckpointsService] })
export class AuditModule {}
