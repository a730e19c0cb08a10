import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { MonitoringPlansController } from './monitoring-plans.controller';
import { MonitoringPlansService } from './monitoring-plans.service';

/** Post-market monitoring plans (EU AI Act Art. 72) and the review's checks against them. */
@Module({ imports: [AiSystemsModule], controllers: [MonitoringPlansController], providers: [MonitoringPlansService], exports: [MonitoringPlansService] })
export class MonitoringPlansModule {}
