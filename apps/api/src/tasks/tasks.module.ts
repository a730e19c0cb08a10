import { Module } from '@nestjs/common';
import { TaskDecisionService } from './task-decision.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TaskDelegationService } from './task-delegation.service';
import { MonitoringPlansModule } from '../monitoring-plans/monitoring-plans.module';

@Module({ imports: [MonitoringPlansModule], controllers: [TasksController], providers: [TasksService, TaskDecisionService, TaskDelegationService], exports: [TaskDecisionService] })
export class TasksModule {}
