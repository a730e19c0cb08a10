import { Module } from '@nestjs/common';
import { SoaExportController } from './export/soa-export.controller';
import { SoaExportService } from './export/soa-export.service';
import { SoaController } from './soa.controller';
import { SoaService } from './soa.service';

@Module({ controllers: [SoaController, SoaExportController], providers: [SoaService, SoaExportService] })
export class SoaModule {}
