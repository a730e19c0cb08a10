import { Module } from '@nestjs/common';
import { MailerService } from '@aigov/notifications/mailer.service';
import { SessionsModule } from '../sessions/sessions.module';
import { SsoModule } from '../sso/sso.module';
import { AuthController } from './auth.controller';
import { SignInLinksService } from './sign-in-links.service';
import { SignInPageController } from './sign-in-page.controller';

/** Signing in to the web application: emailed links, the session, signing out (at the identity provider too, for a single sign-on session). */
@Module({ imports: [SessionsModule, SsoModule], controllers: [AuthController, SignInPageController], providers: [SignInLinksService, MailerService] })
export class AuthModule {}
