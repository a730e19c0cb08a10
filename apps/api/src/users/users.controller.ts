import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AllowBootstrapAdmin, CurrentPrincipal, CurrentUser } from '../auth/auth.decorators';
import type { Principal, UserPrincipal } from '../auth/principal';
import { ApiPageResponse, PageQueryDto } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateUserDto } from './dto/create-user.dto';
import { OutOfOfficeDto } from './dto/out-of-office.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserView, UserView } from './dto/user.view';
import { UserDirectoryQuery, UserDirectoryView } from './dto/directory.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @AllowBootstrapAdmin()
  @Allow('user.manage')
  @ApiOperation({
    summary: 'Create a user and issue their first personal API token (admin)',
    description:
      'The bootstrap ADMIN_TOKEN may call this only to create the first admin (the person must have the admin role), ' +
      'and is refused (403) once an active admin exists. The token expires after API_TOKEN_DEFAULT_DAYS.',
  })
  @ApiCreatedResponse({ type: CreatedUserView })
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() by: Principal): Promise<CreatedUserView> {
    return this.users.create(dto, by);
  }

  @Get()
  @Allow('user.list')
  @ApiOperation({ summary: 'List users (admin)' })
  @ApiPageResponse(UserView)
  list(@Query() q: PageQueryDto) {
    return this.users.list(q.page, q.pageSize);
  }

  @Get('directory')
  @Allow('user.directory')
  @ApiOperation({
    summary: 'Active people by name (id, name, email), to name an owner, attendee or approver',
    description: 'For everyone who names other people (every role but product owner alone); no roles, tokens or inactive people. Listing users with their roles stays with admins.',
  })
  @ApiOkResponse({ type: UserDirectoryView })
  directory(@Query() q: UserDirectoryQuery): Promise<UserDirectoryView> {
    return this.users.directory(q.q);
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
  @Allow('user.read')
  @ApiOkResponse({ type: UserView })
  get(@Param('id', UuidParamPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  @Allow('user.manage')
  @ApiOperation({
    summary: 'Change roles, manager, out-of-office delegate or active flag (admin)',
    description: 'Deactivating a person ends all their sessions and revokes all their API tokens, at once.',
  })
  @ApiOkResponse({ type: UserView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() by: UserPrincipal): Promise<UserView> {
    return this.users.update(id, dto, by);
  }
}
