import { Module } from '@nestjs/common';
import { ManualEvidenceController } from './manual-evidence.controller';
import { ManualEvidenceService } from './manual-evidence.service';

@Module({ controllers: [ManualEvidenceController], providers: [ManualEvidenceService] })
export class ManualEvidenceModule {}
