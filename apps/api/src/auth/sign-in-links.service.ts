import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { issueActionToken, linkKeyFor, parseActionToken } from '@aigov/notifications/action-token';
import { MailerService } from '@aigov/notifications/mailer.service';
import { renderSignInLink } from '@aigov/notifications/sign-in-link.template';
import { SessionEntity, SignInLinkEntity, UserEntity } from '@aigov/persistence/entities';
import { conflict, forbidden, gone, notFound } from '../common/api-error';
import { SessionsService } from '../sessions/sessions.service';
import { sanitiseReturnTo } from './return-to';

/** At most this many links per person in the window; further requests still answer 202 but send nothing. */
export const SIGN_IN_LINK_RATE_LIMIT = { links: 5, windowMs: 15 * 60_000 };

/**
 * Emailed sign-in links, built on the action links' rules: the token is `<id>.<secret>.<HMAC>`
 * (with a key of its own, so an action link is no sign-in link), only the SHA-256 of the secret
 * is stored, a link works once (its row locked while it is used) and expires. Opening the link
 * shows a page; only its POST signs in.
 */
@Injectable()
export class SignInLinksService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('SignInLinks');
  private readonly key: string;
  /** mails on their way, awaited at shutdown */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = linkKeyFor(config.actionLinkSecret, 'sign-in');
  }

  /**
   * Emails a link if the address is an active person's and their rate limit allows it. Answers
   * the same in every case, so the caller cannot tell whether an account exists; the mail goes
   * out after the answer, so neither can the time it takes.
   */
  async request(email: string, returnTo: string | undefined): Promise<void> {
    const issued = await this.dataSource.transaction(async (tx) => {
      // The row lock makes concurrent requests for one person count each other's links.
      const user = await tx.findOne(UserEntity, { where: { email: email.trim().toLowerCase() }, lock: { mode: 'pessimistic_write' } });
      if (!user || !user.active) return null;
      const now = this.clock.now();
      const recent = await tx.count(SignInLinkEntity, {
        where: { userId: user.id, createdAt: MoreThan(new Date(now.getTime() - SIGN_IN_LINK_RATE_LIMIT.windowMs)) },
      });
      if (recent >= SIGN_IN_LINK_RATE_LIMIT.links) {
        this.logger.warn(`sign-in links for user ${user.id}: ${recent} in the last ${SIGN_IN_LINK_RATE_LIMIT.windowMs / 60_000} minutes, no more sent`);
        return null;
      }
      const token = issueActionToken(this.key);
      await tx.insert(SignInLinkEntity, {
        id: token.id,
        userId: user.id,
        tokenHash: token.tokenHash,
        expiresAt: new Date(now.getTime() + this.config.signInLinkTtlMs),
        usedAt: null,
        createdAt: now,
      });
      return { user, token };
    });
    if (!issued) return;
    const url = `${this.config.publicBaseUrl}/auth/sign-in/${issued.token.token}?returnTo=${encodeURIComponent(sanitiseReturnTo(returnTo))}`;
    const mail = renderSignInLink({ recipientName: issued.user.name, signInUrl: url, validMinutes: Math.round(this.config.signInLinkTtlMs / 60_000) });
    const sending: Promise<void> = this.mailer
      .send({ to: issued.user.email, ...mail, messageId: `<sign-in.${issued.token.id}@ai-governance>` })
      .then(
        () => undefined,
        // The person asks again; the link itself is never logged.
        (error: Error) => this.logger.warn(`sign-in link mail for user ${issued.user.id} failed: ${error.message}`),
      )
      .finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  /** Whom the link signs in, for its confirmation page; reading it never writes anything. */
  async describe(token: string): Promise<Pick<UserEntity, 'email' | 'name'>> {
    const link = await this.check(token, this.dataSource.manager);
    const user = await this.dataSource.manager.findOneOrFail(UserEntity, { where: { id: link.userId } });
    if (!user.active) throw forbidden('the person this link was sent to is no longer active', 'token');
    return { email: user.email, name: user.name };
  }

  /**
   * Uses the link: a new session (a new id and token at every sign-in), and the session this
   * browser had before, if any, ended. The link's row stays locked until then, so a second
   * click waits and then finds it used.
   */
  async signIn(token: string, previousSessionToken: string | undefined): Promise<{ session: SessionEntity; token: string }> {
    return this.dataSource.transaction(async (tx) => {
      const link = await this.check(token, tx, true);
      const user = await tx.findOne(UserEntity, { where: { id: link.userId } });
      if (!user || !user.active) throw forbidden('the person this link was sent to is no longer active', 'token');
      await tx.update(SignInLinkEntity, { id: link.id }, { usedAt: this.clock.now() });
      if (previousSessionToken) await this.sessions.endByToken(tx, previousSessionToken, 'replaced');
      return this.sessions.start(tx, user, 'email_link', link.id);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.sending]);
  }

  private async check(token: string, m: EntityManager, lock = false): Promise<SignInLinkEntity> {
    const parsed = parseActionToken(this.key, token);
    if (!parsed.ok) {
      if (parsed.reason === 'bad_signature') throw forbidden('this sign-in link has been altered', 'token');
      throw notFound('this sign-in link is not valid', 'token');
    }
    const link = await m.findOne(SignInLinkEntity, { where: { id: parsed.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!link) throw notFound('this sign-in link is not known', 'token');
    if (link.tokenHash !== parsed.tokenHash) throw forbidden('this sign-in link has been altered', 'token');
    if (link.usedAt) throw conflict('this sign-in link has already been used; ask for a new one', 'token');
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) throw gone('this sign-in link has expired; ask for a new one', 'token');
    return link;
  }
}
