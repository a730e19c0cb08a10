import { Module } from '@nestjs/common';
import { TemporalCodecController } from './temporal-codec.controller';
import { TemporalCodecCors } from './temporal-codec-cors';
import { TemporalCodecService } from './temporal-codec.service';

/** The remote codec endpoint for the Temporal UI and CLI (README: payload encryption). */
@Module({
  controllers: [TemporalCodecController],
  providers: [TemporalCodecService, TemporalCodecCors],
})
export class TemporalCodecModule {}
