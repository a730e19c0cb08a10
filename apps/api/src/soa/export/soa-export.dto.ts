import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SOA_EXPORT_FORMATS } from './soa-export.model';

export class SoaExportQuery {
  @ApiProperty({ enum: SOA_EXPORT_FORMATS, description: 'the file format' })
  @IsIn(SOA_EXPORT_FORMATS, { message: `format must be one of ${SOA_EXPORT_FORMATS.join(', ')}` })
  format: (typeof SOA_EXPORT_FORMATS)[number];
}
