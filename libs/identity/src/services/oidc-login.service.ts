import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  isLoopbackUrl,
  oidcEnabled,
  publicUrl,
  type RequestContext,
  SharedRedis,
} from '@piazza/core';
import * as oidc from 'openid-client';
import { timingSafeEqual } from 'node:crypto';
import { UserAccount } from '../entities/user-account.entity';
import {
  AccountDisabledError,
  SpidDisabledError,
  SpidLoginFailedError,
  SpidUnavailableError,
} from '../errors';
import { fiscalCodeProblem, normaliseFiscalCode } from '../fiscal-code';
import { AuditService } from './audit.service';
import { LoginThrottle } from './login-throttle.service';
import { hashSecretToken, newSecretToken } from './secret-token';

/** The callback path registered at the identity provider (under the API's global prefix). */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** Where a person lands after signing in when the page that sent them gave no (acceptable) path. */
export const DEFAULT_RETURN_PATH = '/profilo';
/** How long a person has to complete the sign-in at the provider. */
export const OIDC_PENDING_SECONDS = 10 * 60;
/** What newSecretToken() makes: 32 random bytes in base64url. */
const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

/** Who the identity provider says signed in, reduced to what Piazza keeps. */
export interface OidcIdentity {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  /** Lower-cased, or null when the provider sent none. */
  email: string | null;
}

/** What /start stored for the callback: the secrets that bind the answer to this request and browser. */
interface PendingLogin {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** sha256 of the browser cookie's value, hex. */
  browser: string;
}

/**
 * "Entra con SPID/CIE": the OpenID Connect authorization code flow with PKCE, state and nonce, against
 * the Ambito's provider (a SPID/CIE gateway), and the link from the person it names to an account, by
 * fiscal code.
 *
 * The pending sign-in (nonce, PKCE verifier, return path) lives in Redis for ten minutes under the hash
 * of its `state`, and the browser holds only a random key in an httpOnly cookie; the callback must
 * bring both. We keep it server-side rather than in a signed cookie because that needs no secret to
 * configure and rotate, keeps the verifier and nonce out of the browser, works whichever API instance
 * gets the callback, and makes each pending sign-in usable once (GETDEL). Keying by state lets several
 * tabs sign in at once with one cookie. Losing Redis loses only sign-ins in progress (ARCHITECTURE.md).
 */
@Injectable()
export class OidcLoginService {
  private readonly logger = new Logger(OidcLoginService.name);
  // One discovery per process (this service is a singleton); a failed one is not kept, so the next
  // attempt asks the provider again instead of failing until a restart.
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: SharedRedis,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  get enabled(): boolean {
    return oidcEnabled(this.config);
  }

  /**
   * Prepares a sign-in and returns the provider's authorization URL to send the browser to, and the
   * browser key to keep in its cookie (the one it already has, when it has one: several tabs share it).
   */
  async begin(
    ctx: RequestContext,
    input: { returnTo?: string; browserKey?: string },
  ): Promise<{ authorizationUrl: string; browserKey: string }> {
    if (!this.enabled) throw new SpidDisabledError();
    await this.throttle.hitAddress('login', ctx.client.ip);
    const configuration = await this.configuration();
    const browserKey =
      input.browserKey && BROWSER_KEY.test(input.browserKey) ? input.browserKey : newSecretToken().token;
    const state = oidc.randomState();
    const pending: PendingLogin = {
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(input.returnTo),
      browser: hashSecretToken(browserKey).toString('hex'),
    };
    try {
      await this.redis.client.set(
        this.pendingKey(state),
        JSON.stringify(pending),
        'EX',
        OIDC_PENDING_SECONDS,
      );
    } catch (error) {
      this.logger.error({ err: error, reqId: ctx.requestId }, 'Cannot keep a pending SPID sign-in in Redis');
      throw new SpidUnavailableError();
    }
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: this.config.OIDC_SCOPES,
      state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href, browserKey };
  }

  /**
   * Completes the flow from the provider's answer (the callback's query string): checks state, nonce and
   * PKCE through openid-client, and reads who signed in. Opening an account session is the caller's job.
   */
  async finish(
    ctx: RequestContext,
    input: { query: URLSearchParams; browserKey?: string },
  ): Promise<{ identity: OidcIdentity; returnTo: string }> {
    if (!this.enabled) throw new SpidDisabledError();
    const state = input.query.get('state');
    if (!state) throw new SpidLoginFailedError(`no state in the answer (error=${input.query.get('error')})`);
    const pending = await this.takePending(state);
    if (!pending) throw new SpidLoginFailedError('unknown, expired or already used state');
    if (!input.browserKey || !sameHex(pending.browser, hashSecretToken(input.browserKey).toString('hex')))
      throw new SpidLoginFailedError('the answer does not belong to this browser');

    const configuration = await this.configuration();
    const callback = new URL(this.redirectUri());
    callback.search = input.query.toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Providers that follow OIDC Core to the letter put profile claims only in UserInfo.
      const userInfo = configuration.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
        : {};
      claims = { ...idToken, ...userInfo };
    } catch (error) {
      if (isNetworkFailure(error)) {
        this.logger.error({ err: error, reqId: ctx.requestId }, 'SPID provider unreachable at the callback');
        throw new SpidUnavailableError();
      }
      throw new SpidLoginFailedError(describe(error));
    }
    return { identity: this.identityFrom(claims), returnTo: pending.returnTo };
  }

  /**
   * Signs in the person the provider vouched for: the account with their fiscal code, or a new citizen
   * account. Returns the user id. Run it in a transaction: the account and its audit rows go together.
   */
  async signIn(ctx: RequestContext, identity: OidcIdentity): Promise<string> {
    const existing = await ctx.em.findOne(UserAccount, { where: { fiscalCode: identity.fiscalCode } });
    const user = existing ?? (await this.createCitizen(ctx, identity));
    if (user.status !== 'active') throw new AccountDisabledError();
    const now = new Date();
    // The provider has checked the address; the person registered it with us: it is confirmed.
    const confirmsEmail =
      existing !== null &&
      !existing.emailVerifiedAt &&
      identity.email !== null &&
      existing.email?.toLowerCase() === identity.email;
    await ctx.em.update(
      UserAccount,
      { id: user.id },
      { lastLoginAt: now, ...(confirmsEmail && { emailVerifiedAt: now }) },
    );
    if (confirmsEmail)
      await this.audit.record(ctx, 'email_verified', {
        actorUserId: user.id,
        subjectType: 'user',
        subjectId: user.id,
        details: { method: 'spid' },
      });
    await this.audit.record(ctx, 'login', {
      actorUserId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      details: { method: 'spid' },
    });
    return user.id;
  }

  /** A citizen account for a person who signs in with SPID/CIE for the first time; no household yet. */
  private async createCitizen(ctx: RequestContext, identity: OidcIdentity): Promise<UserAccount> {
    // An address that another account already uses stays with that account: the new one has none,
    // rather than failing a sign-in the provider has already vouched for.
    const emailFree =
      identity.email !== null &&
      !(await ctx.em
        .createQueryBuilder(UserAccount, 'u')
        .where('lower(u.email) = :email', { email: identity.email })
        .getExists());
    const email = emailFree ? identity.email : null;
    // ON CONFLICT DO NOTHING: two first sign-ins at once (two tabs) must end in one account, not a 500.
    const inserted = await ctx.em
      .createQueryBuilder()
      .insert()
      .into(UserAccount)
      .values({
        email,
        passwordHash: null,
        displayName: `${identity.givenName} ${identity.familyName}`.trim() || identity.fiscalCode,
        fiscalCode: identity.fiscalCode,
        roles: ['citizen'],
        status: 'active',
        emailVerifiedAt: email ? new Date() : null,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) {
      // Someone else won the race: either for this fiscal code (sign that account in) or for the e-mail.
      const winner = await ctx.em.findOne(UserAccount, { where: { fiscalCode: identity.fiscalCode } });
      if (winner) return winner;
      return this.createCitizen(ctx, { ...identity, email: null });
    }
    await this.audit.record(ctx, 'register', {
      actorUserId: id,
      subjectType: 'user',
      subjectId: id,
      details: { method: 'spid' },
    });
    return ctx.em.findOneOrFail(UserAccount, { where: { id } });
  }

  private identityFrom(claims: Record<string, unknown>): OidcIdentity {
    const raw = claims[this.config.OIDC_FISCAL_CODE_CLAIM];
    if (typeof raw !== 'string')
      throw new SpidLoginFailedError(`no ${this.config.OIDC_FISCAL_CODE_CLAIM} claim from the provider`);
    // SPID sends the code as an ETSI natural-person identifier: TINIT-<codice fiscale>.
    const fiscalCode = normaliseFiscalCode(raw.replace(/^\s*TINIT-/i, ''));
    const problem = fiscalCodeProblem(fiscalCode);
    if (problem) throw new SpidLoginFailedError(`the provider's fiscal code is not valid (${problem})`);
    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string).trim() : '');
    return {
      fiscalCode,
      givenName: text('given_name'),
      familyName: text('family_name'),
      email: text('email').toLowerCase() || null,
    };
  }

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<oidc.Configuration> {
    const issuer = this.config.OIDC_ISSUER_URL!;
    const secret = this.config.OIDC_CLIENT_SECRET;
    try {
      return await oidc.discovery(
        new URL(issuer),
        this.config.OIDC_CLIENT_ID!,
        secret ? { client_secret: secret } : undefined,
        // HTTP Basic is the method every OAuth server must accept; without a secret, PKCE alone.
        secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
        {
          // Plain http only for a provider on this machine (tests); the configuration already refuses
          // it anywhere else, and openid-client refuses it unless told otherwise.
          execute:
            new URL(issuer).protocol === 'http:' && isLoopbackUrl(issuer) ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        },
      );
    } catch (error) {
      this.logger.error({ err: error, issuer }, 'SPID/CIE provider discovery failed');
      throw new SpidUnavailableError();
    }
  }

  private async takePending(state: string): Promise<PendingLogin | null> {
    let stored: string | null;
    try {
      stored = await this.redis.client.getdel(this.pendingKey(state));
    } catch (error) {
      this.logger.error({ err: error }, 'Cannot read a pending SPID sign-in from Redis');
      throw new SpidUnavailableError();
    }
    return stored ? (JSON.parse(stored) as PendingLogin) : null;
  }

  private pendingKey(state: string): string {
    return this.redis.key('oidc', hashSecretToken(state).toString('hex'));
  }

  private redirectUri(): string {
    return `${publicUrl(this.config)}${OIDC_CALLBACK_PATH}`;
  }
}

/**
 * A path on this site to return to after signing in, or the default. Only a path: `//host` and `/\host`
 * are other sites to a browser, so they are refused, as is anything with control characters.
 */
export function safeReturnPath(input: string | undefined): string {
  if (
    !input ||
    input.length > 500 ||
    !input.startsWith('/') ||
    input.startsWith('//') ||
    input.includes('\\') ||
    /\p{Cc}/u.test(input)
  )
    return DEFAULT_RETURN_PATH;
  return input;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The provider could not be reached (as opposed to answering no); openid-client wraps the cause. */
function isNetworkFailure(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
    if (e.name === 'TimeoutError' || (e as { code?: unknown }).code === 'OAUTH_TIMEOUT') return true;
  }
  return false;
}

function describe(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError)
    return `provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}: ${error.message}`;
  return String(error);
}
