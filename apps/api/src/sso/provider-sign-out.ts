import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import type { SessionEntity } from '@aigov/persistence/entities';
import { OidcProviderClient } from './oidc-provider-client';

/** What signing out leaves to do at the OpenID Provider. */
export interface ProviderSignOutStep {
  /** where to send the browser so the provider ends its session too; null when there is nothing to end there, or it cannot be reached */
  url: string | null;
  /** the session came from the provider, but its sign-out could not be offered (its discovery failed): the person may still be signed in there */
  unreachable: boolean;
}

const NOTHING: ProviderSignOutStep = { url: null, unreachable: false };

/**
 * Ending the provider's session too, when a person who signed in with it signs out here. Without
 * it, signing out left them signed in at the provider, and on a shared computer the next
 * "Sign in with single sign-on" went straight back in as them. Off with
 * OIDC_END_PROVIDER_SESSION=false, where an organisation wants its other applications left
 * signed in. Our own session is ended first in any case: the provider being away never keeps
 * anyone signed in here.
 */
@Injectable()
export class ProviderSignOut {
  constructor(
    private readonly provider: OidcProviderClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async after(session: Pick<SessionEntity, 'method' | 'idTokenHint'>): Promise<ProviderSignOutStep> {
    if (session.method !== 'oidc' || !this.config.oidc?.endProviderSession) return NOTHING;
    try {
      const url = await this.provider.endSessionUrl(session.idTokenHint);
      return { url: url ? url.href : null, unreachable: false };
    } catch {
      // The provider client has logged why (its discovery's warning).
      return { url: null, unreachable: true };
    }
  }
}
