import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { JwtBearerAuthenticator } from './jwt-bearer.authenticator';
import { OidcProviderClient } from './oidc-provider-client';
import { ProviderSignOut } from './provider-sign-out';
import { SignInMethodsController } from './sign-in-methods.controller';
import { SsoAccountsService } from './sso-accounts.service';
import { SsoController } from './sso.controller';

/** Single sign-on with an OpenID Provider: the browser sign-in, and JWT bearer tokens for API clients (used by the authentication guard). */
@Module({
  imports: [SessionsModule],
  controllers: [SsoController, SignInMethodsController],
  providers: [OidcProviderClient, SsoAccountsService, JwtBearerAuthenticator, ProviderSignOut],
  exports: [JwtBearerAuthenticator, ProviderSignOut],
})
export class SsoModule {}
