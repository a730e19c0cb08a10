import { Module } from '@nestjs/common';
import { SessionsService } from './sessions.service';

/** Browser sessions, used by the authentication guard, sign-in and user management. */
@Module({ providers: [SessionsService], exports: [SessionsService] })
export class SessionsModule {}
