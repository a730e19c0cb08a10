import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ApiTokenLifeDto } from '../../api-tokens/dto/create-api-token.dto';

export const GATEWAY_KINDS = ['ai_gateway', 'agent_runtime'] as const;

export class IssueGatewayTokenDto extends ApiTokenLifeDto {
  @ApiProperty({ example: 'payments-llm-gateway', maxLength: 100, description: 'the gateway the token is for: a machine name (letters, digits, . _ -), shown in audit events' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'gatewayName must be 1-100 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  gatewayName: string;

  @ApiProperty({ enum: GATEWAY_KINDS, description: 'an AI gateway (an LLM proxy in front of models) or an agent runtime (tools and actions)' })
  @IsIn(GATEWAY_KINDS, { message: `gatewayKind must be one of ${GATEWAY_KINDS.join(', ')}` })
  gatewayKind: (typeof GATEWAY_KINDS)[number];
}

/** Rotation keeps the gateway's name and kind; the new token's life is asked for as at issue. */
export class RotateGatewayTokenDto extends ApiTokenLifeDto {}
