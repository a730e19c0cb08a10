/** The token of an `Authorization: Bearer <token>` header (the scheme in any case), or undefined for any other header. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}
