import { Module } from '@nestjs/common';
import { GovernanceCyclesController } from './governance-cycles.controller';
import { GovernanceCyclesService } from './governance-cycles.service';

@Module({ controllers: [GovernanceCyclesController], providers: [GovernanceCyclesService] })
export class GovernanceCyclesModule {}
