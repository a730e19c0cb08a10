import { ApiProperty } from '@nestjs/swagger';

export class SignedOutView {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "for a single sign-on session: the identity provider's sign-out page, to send the browser to so the provider's session ends too (it comes back to OIDC_POST_LOGOUT_REDIRECT_URI); null when there is no provider session to end",
  })
  providerSignOutUrl: string | null;

  @ApiProperty({ description: "true when the session came from the identity provider but its sign-out could not be offered (it cannot be reached): the person may still be signed in there" })
  providerUnreachable: boolean;
}
