import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { ApprovalHistoryService } from './approval-history.service';
import { ApprovalsController } from './approvals.controller';

@Module({ imports: [AiSystemsModule], controllers: [ApprovalsController], providers: [ApprovalHistoryService], exports: [ApprovalHistoryService] })
export class ApprovalsModule {}
