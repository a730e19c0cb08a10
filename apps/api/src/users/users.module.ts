import { Module } from '@nestjs/common';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [SessionsModule, ApiTokensModule], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
