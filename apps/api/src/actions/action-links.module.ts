import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { ActionLinksController } from './action-links.controller';
import { ActionLinksService } from './action-links.service';

@Module({ imports: [TasksModule], controllers: [ActionLinksController], providers: [ActionLinksService] })
export class ActionLinksModule {}
