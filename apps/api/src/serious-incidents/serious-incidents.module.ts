import { Module } from '@nestjs/common';
import { SeriousIncidentsController } from './serious-incidents.controller';
import { SeriousIncidentsService } from './serious-incidents.service';

@Module({ controllers: [SeriousIncidentsController], providers: [SeriousIncidentsService], exports: [SeriousIncidentsService] })
export class SeriousIncidentsModule {}
