import { Module } from '@nestjs/common';
import { PdcaItemsController } from './pdca-items.controller';
import { PdcaItemsService } from './pdca-items.service';

@Module({ controllers: [PdcaItemsController], providers: [PdcaItemsService] })
export class PdcaModule {}
