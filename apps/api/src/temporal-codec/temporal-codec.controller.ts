import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ChangesNothing } from '../auth/auth.decorators';
import { CodecPayloadsDto } from './temporal-codec.dto';
import { TemporalCodecService } from './temporal-codec.service';

/** The mount point the Temporal UI's TEMPORAL_CODEC_ENDPOINT (and the CLI's --codec-endpoint) names. */
export const TEMPORAL_CODEC_PATH = 'temporal-codec';

/**
 * Temporal's remote codec server protocol (POST {endpoint}/encode and /decode), so the Temporal
 * UI and CLI can show the encrypted payloads of workflow histories to people allowed to read
 * everything. Bearer token (CLI: --codec-auth) or the session cookie (UI with "include
 * credentials"); CORS for the Temporal UI's origin is in temporal-codec-cors.ts.
 */
@ApiTags('temporal-codec')
@ApiBearerAuth()
@Controller(TEMPORAL_CODEC_PATH)
export class TemporalCodecController {
  constructor(private readonly codec: TemporalCodecService) {}

  @Post('decode')
  @HttpCode(200)
  @Allow('workflow_payload.codec')
  @ChangesNothing()
  @ApiOperation({
    summary: 'Decrypt Temporal payloads (remote codec protocol, for the Temporal UI and CLI)',
    description: 'Payloads not encrypted by this product pass through unchanged; a payload whose key id this server does not hold is refused naming the key id.',
  })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiBadRequestResponse({ description: 'malformed payloads, an unknown key id, or a payload that fails authentication' })
  decode(@Body() body: CodecPayloadsDto): CodecPayloadsDto {
    return this.codec.decode(body);
  }

  @Post('encode')
  @HttpCode(200)
  @Allow('workflow_payload.codec')
  @ChangesNothing()
  @ApiOperation({
    summary: 'Encrypt Temporal payloads (remote codec protocol, for input given in the Temporal UI or CLI)',
    description: 'With the current encryption key; unchanged when payload encryption is off.',
  })
  @ApiOkResponse({ type: CodecPayloadsDto })
  encode(@Body() body: CodecPayloadsDto): CodecPayloadsDto {
    return this.codec.encode(body);
  }
}
