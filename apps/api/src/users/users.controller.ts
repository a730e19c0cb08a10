import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowBootstrapAdmin, CurrentPrincipal, CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal, UserPrincipal } from '../auth/principal';
import { forbidden } from '../common/api-error';
import { PageQueryDto } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateUserDto } from './dto/create-user.dto';
import { OutOfOfficeDto } from './dto/out-of-office.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserView, UserView } from './dto/user.view';
import { UsersService } from './users.service';

function requireAdmin(p: Principal): void {
  if (p.kind === 'user' && !p.roles.has('admin')) throw forbidden('managing users needs the admin role');
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @AllowBootstrapAdmin()
  @ApiOperation({ summary: 'Create a user and issue their personal API token (admin)' })
  @ApiCreatedResponse({ type: CreatedUserView })
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() by: Principal): Promise<CreatedUserView> {
    requireAdmin(by);
    return this.users.create(dto, by);
  }

  @Get()
  @AllowBootstrapAdmin()
  @ApiOperation({ summary: 'List users (admin)' })
  list(@Query() q: PageQueryDto, @CurrentPrincipal() by: Principal) {
    requireAdmin(by);
    return this.users.list(q.page, q.pageSize);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() me: UserPrincipal): Promise<UserView> {
    return this.users.get(me.id);
  }

  @Put('me/out-of-office')
  @ApiOperation({
    summary: 'Turn your out-of-office delegation on or off',
    description: 'While set, new approval tasks meant for you go to the delegate, who decides on your behalf; recorded in the audit trail.',
  })
  @ApiOkResponse({ type: UserView })
  setOutOfOffice(@Body() dto: OutOfOfficeDto, @CurrentUser() me: UserPrincipal): Promise<UserView> {
    return this.users.update(me.id, { outOfOfficeDelegateId: dto.delegateId }, me);
  }

  @Get(':id')
  @Roles('admin', 'governance_office', 'auditor')
  @ApiOkResponse({ type: UserView })
  get(@Param('id', UuidParamPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  @AllowBootstrapAdmin()
  @ApiOperation({ summary: 'Change roles, manager, out-of-office delegate or active flag (admin)' })
  @ApiOkResponse({ type: UserView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto, @CurrentPrincipal() by: Principal): Promise<UserView> {
    requireAdmin(by);
    return this.users.update(id, dto, by);
  }
}
