import { ApiProperty } from '@nestjs/swagger';

/** Which ways of signing in this server offers, for the sign-in page to show. */
export class SignInMethodsView {
  @ApiProperty({ description: 'an emailed, single-use sign-in link (always offered)' })
  emailLink: boolean;

  @ApiProperty({ description: 'single sign-on with the organisation\'s OpenID Provider: the browser goes to GET /auth/oidc/start?returnTo=<path>' })
  singleSignOn: boolean;
}
