import { Module } from '@nestjs/common';
import { GatewayTokensController } from './gateway-tokens.controller';
import { GatewayTokensService } from './gateway-tokens.service';

/** Gateway machine tokens: their admin routes, and the bearer check the authentication guard uses for `aigw_` tokens. */
@Module({ controllers: [GatewayTokensController], providers: [GatewayTokensService], exports: [GatewayTokensService] })
export class GatewayTokensModule {}
