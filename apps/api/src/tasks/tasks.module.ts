import { Module } from '@nestjs/common';
import { TaskDecisionService } from './task-decision.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ controllers: [TasksController], providers: [TasksService, TaskDecisionService], exports: [TaskDecisionService] })
export class TasksModule {}
