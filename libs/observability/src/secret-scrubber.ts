/**
 * Removes secrets from text that is about to be logged. Structured fields that hold secrets
 * (headers) are redacted by path in the logger; this catches them inside free text, such as an
 * error message that quotes a connection string or a URL.
 */
const RULES: Array<[RegExp, string]> = [
  // user:password@ in any URL (DATABASE_URL, SMTP_URL): the password goes, the user stays.
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@/]*@/gi, '$1:[REDACTED]@'],
  // The emailed action and sign-in links carry their secret in the path.
  [/(\/actions\/)(?!:)[^\s/?#"']+/g, '$1[REDACTED]'],
  [/(\/auth\/sign-in\/)(?!:)[^\s/?#"']+/g, '$1[REDACTED]'],
  // A token or password in a query string.
  [/([?&](?:token|access_token|password|secret|key)=)[^\s&#"']+/gi, '$1[REDACTED]'],
  // Credentials quoted with their scheme (an Authorization header copied into a message).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [REDACTED]'],
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
