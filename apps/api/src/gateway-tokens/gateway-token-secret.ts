import { randomBytes } from 'node:crypto';

/** Gateway secrets start so; personal tokens start `aigov_`, so the guard tells them apart without a lookup. */
export const GATEWAY_TOKEN_PREFIX = 'aigw_';
/** The first characters kept in clear: "aigw_" and five of its 43 random characters. */
export const GATEWAY_TOKEN_PREFIX_LENGTH = 10;

export function isGatewayToken(bearer: string): boolean {
  return bearer.startsWith(GATEWAY_TOKEN_PREFIX);
}

export function newGatewaySecret(): string {
  return `${GATEWAY_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}
