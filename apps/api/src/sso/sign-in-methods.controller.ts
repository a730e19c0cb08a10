import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Public } from '../auth/auth.decorators';
import { SignInMethodsView } from './dto/sign-in-methods.view';

@ApiTags('auth')
@Controller('auth')
export class SignInMethodsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('sign-in-methods')
  @Public()
  @ApiOperation({ summary: 'Which ways of signing in this server offers (for the sign-in page; no caller needed)' })
  @ApiOkResponse({ type: SignInMethodsView })
  methods(): SignInMethodsView {
    return { emailLink: true, singleSignOn: this.config.oidc !== null };
  }
}
