import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { ControlHealthHistoryQuery, ControlHealthHistoryView } from './control-health-history.dto';
import { ControlHealthHistoryService } from './control-health-history.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ControlHealthHistoryController {
  constructor(private readonly service: ControlHealthHistoryService) {}

  @Get('control-health/history')
  @Allow('report.read')
  @ApiOperation({
    summary: 'Control health over time: the daily organisation-wide snapshots from `from` to `to` (default the last 90 days), for charts',
    description: 'One snapshot per day, taken by the control-health snapshot schedule: controls per status, organisation-wide and per framework. At most 1100 days per request.',
  })
  @ApiOkResponse({ type: ControlHealthHistoryView })
  history(@Query() q: ControlHealthHistoryQuery): Promise<ControlHealthHistoryView> {
    return this.service.history(q);
  }
}
