import { Module } from '@nestjs/common';
import { AiSystemsController } from './ai-systems.controller';
import { AiSystemsService } from './ai-systems.service';
import { ImportWorkflowStarter } from './import/import-workflow-starter';
import { InventoryImportController } from './import/inventory-import.controller';
import { InventoryImportService } from './import/inventory-import.service';
import { InventoryController } from './inventory.controller';
import { InventoryService } from './inventory.service';

@Module({
  controllers: [InventoryController, InventoryImportController, AiSystemsController],
  providers: [AiSystemsService, InventoryService, InventoryImportService, ImportWorkflowStarter],
  exports: [AiSystemsService],
})
export class AiSystemsModule {}
