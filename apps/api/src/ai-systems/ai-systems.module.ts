import { Module } from '@nestjs/common';
import { AiSystemsController } from './ai-systems.controller';
import { AiSystemsService } from './ai-systems.service';
import { InventoryController } from './inventory.controller';
import { InventoryService } from './inventory.service';

@Module({ controllers: [InventoryController, AiSystemsController], providers: [AiSystemsService, InventoryService], exports: [AiSystemsService] })
export class AiSystemsModule {}
