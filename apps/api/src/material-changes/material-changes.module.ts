import { Module } from '@nestjs/common';
import { MaterialChangesController } from './material-changes.controller';
import { MaterialChangesService } from './material-changes.service';

@Module({ controllers: [MaterialChangesController], providers: [MaterialChangesService], exports: [MaterialChangesService] })
export class MaterialChangesModule {}
