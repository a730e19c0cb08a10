import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChecklistAnswerDto } from '../common/governance-dto';
import { CurrentUser } from '../auth/auth.decorators';
import { actorOf, UserPrincipal } from '../auth/principal';
import { ApiPageResponse, type Page } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TaskDecisionDto } from './dto/task-decision.dto';
import { TaskDelegationDto } from './dto/task-delegation.dto';
import { TaskView } from './dto/task.view';
import { DecisionResult, TaskDecisionService } from './task-decision.service';
import { TasksService } from './tasks.service';
import { DelegateCandidateView, DelegationView, TaskDelegationService } from './task-delegation.service';

@ApiTags('tasks')
@ApiExtraModels(ChecklistAnswerDto)
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly decisions: TaskDecisionService,
    private readonly delegations: TaskDelegationService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The task inbox (approvals and periodic reviews)' })
  @ApiPageResponse(TaskView)
  list(@Query() q: ListTasksQuery, @CurrentUser() me: UserPrincipal): Promise<Page<TaskView>> {
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
    return this.decisions.decide(id, actorOf(me), dto.decision, dto.comment, undefined, {
      checklist: dto.checklist,
      evidence: dto.evidence,
      correctiveAction: dto.correctiveAction,
      monitoringChecks: dto.monitoringChecks,
    });
  }

  @Get(':id/delegates')
  @ApiOperation({ summary: 'Colleagues you can hand this open approval task to (for a picker); the step’s own rules are checked on delegation' })
  @ApiOkResponse({ type: [DelegateCandidateView] })
  delegates(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<DelegateCandidateView[]> {
    return this.delegations.candidates(id, me);
  }

  @Post(':id/delegate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand an open approval task to a colleague',
    description:
      'The delegate must be asked for by the step or share an approving role with the assignee, must not be the submitter or the ' +
      'accountable owner, and must not already have a task in the step. The old task becomes `delegated` (its emailed link stops ' +
      'working) and the delegate gets a new task with the same due date and an email. The governance office and admins may ' +
      'reassign anyone’s task. Recorded in the audit trail.',
  })
  delegate(@Param('id', UuidParamPipe) id: string, @Body() dto: TaskDelegationDto, @CurrentUser() me: UserPrincipal): Promise<DelegationView> {
    return this.delegations.delegate(id, me, dto.delegateId, dto.reason);
  }
}
