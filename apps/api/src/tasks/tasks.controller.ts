import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { actorOf, UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TaskDecisionDto } from './dto/task-decision.dto';
import { TaskView } from './dto/task.view';
import { DecisionResult, TaskDecisionService } from './task-decision.service';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly decisions: TaskDecisionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The task inbox (approvals and periodic reviews)' })
  list(@Query() q: ListTasksQuery, @CurrentUser() me: UserPrincipal) {
    return this.tasks.list(q, me);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskView })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<TaskView> {
    return this.tasks.get(id, me);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide an approval or review task assigned to you' })
  decide(@Param('id', UuidParamPipe) id: string, @Body() dto: TaskDecisionDto, @CurrentUser() me: UserPrincipal): Promise<DecisionResult> {
    return this.decisions.decide(id, actorOf(me), dto.decision, dto.comment);
  }
}
