import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { VersionRegistryService } from './version-registry.service';
import { VersionsController } from './versions.controller';

@Module({ imports: [AiSystemsModule], controllers: [VersionsController], providers: [VersionRegistryService] })
export class VersionsModule {}
