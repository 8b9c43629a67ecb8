import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  Comune,
  NOTIFICATION_JOBS,
  OutboxService,
  publicUrl,
  QUEUES,
  type RequestContext,
  type Role,
  SettingsService,
  type Translated,
  ValidationError,
} from '@piazza/core';
import { IsNull, QueryFailedError } from 'typeorm';
import { HouseholdMember } from '../entities/household-member.entity';
import { Household } from '../entities/household.entity';
import { UserAccount } from '../entities/user-account.entity';
import { type TokenPurpose, UserToken } from '../entities/user-token.entity';
import {
  EmailNotVerifiedError,
  EmailTakenError,
  FiscalCodeTakenError,
  InvalidCredentialsError,
  TokenInvalidError,
} from '../errors';
import { fiscalCodeProblem, normaliseFiscalCode } from '../fiscal-code';
import { AuditService } from './audit.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordService } from './password.service';
import { hashSecretToken, newSecretToken } from './secret-token';

export interface PersonInput {
  firstName: string;
  lastName: string;
  fiscalCode: string;
  dateOfBirth: string;
}

export interface CitizenRegistration extends PersonInput {
  email: string;
  password: string;
  comune: string;
  address?: string;
}

type LinkPurpose = Exclude<TokenPurpose, 'first_access'>;

const TOKEN_TTL_MS: Record<LinkPurpose, number> = {
  verify_email: 48 * 3_600_000,
  reset_password: 3_600_000,
};

const LINKS: Record<LinkPurpose, { path: string; template: string }> = {
  verify_email: { path: '/accesso/verifica', template: 'verify-email' },
  reset_password: { path: '/accesso/nuova-password', template: 'reset-password' },
};

// A real argon2id hash of a random password: verifying against it costs what a real check costs, so an
// unknown e-mail answers as slowly as a wrong password and gives nothing away.
let decoyHash: Promise<string> | undefined;

/** Citizens' accounts: registration, e-mail verification, password sign-in and password reset. */
@Injectable()
export class AccountService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
  ) {}

  /**
   * Creates the account, the household with its head as first member, and sends the verification
   * e-mail (through the outbox). The account cannot sign in until the address is confirmed.
   */
  async registerCitizen(ctx: RequestContext, input: CitizenRegistration): Promise<{ userId: string }> {
    await this.throttle.hitAddress('register', ctx.client.ip);
    const email = input.email.trim().toLowerCase();
    const person = checkPerson(input);
    const comune = await ctx.em.findOne(Comune, { where: { slug: input.comune } });
    if (!comune) {
      throw new ValidationError([
        {
          field: 'comune',
          message: { it: 'non è un Comune dell’Ambito', en: 'is not a Comune of the Ambito' },
        },
      ]);
    }
    if (await ctx.em.exists(UserAccount, { where: { fiscalCode: person.fiscalCode } }))
      throw new FiscalCodeTakenError();
    const user = await this.createPasswordAccount(ctx, {
      email,
      password: input.password,
      displayName: `${person.firstName} ${person.lastName}`,
      roles: ['citizen'],
      fiscalCode: person.fiscalCode,
    });
    const household = await ctx.em.save(Household, {
      comuneId: comune.id,
      ownerUserId: user.id,
      address: input.address?.trim() ?? '',
    });
    await ctx.em.insert(HouseholdMember, { householdId: household.id, ...person, relation: 'self' });
    return { userId: user.id };
  }

  /**
   * Creates an account that signs in with e-mail and password, records it, and e-mails the verification
   * link. Used for citizens and for the owners of organisations that sign up.
   */
  async createPasswordAccount(
    ctx: RequestContext,
    input: { email: string; password: string; displayName: string; roles: Role[]; fiscalCode?: string },
  ): Promise<UserAccount> {
    const email = input.email.trim().toLowerCase();
    assertPasswordAcceptable(input.password, email);
    if (await ctx.em.exists(UserAccount, { where: { email } })) throw new EmailTakenError();
    const user = await uniqueViolationAs(
      () =>
        ctx.em.save(UserAccount, {
          email,
          passwordHash: null,
          displayName: input.displayName,
          fiscalCode: input.fiscalCode ?? null,
          roles: input.roles,
          status: 'active',
        }),
      {
        user_account_email_key: new EmailTakenError(),
        user_account_fiscal_code_key: new FiscalCodeTakenError(),
      },
    );
    await ctx.em.update(
      UserAccount,
      { id: user.id },
      { passwordHash: await this.passwords.hash(input.password) },
    );
    await this.audit.record(ctx, 'register', {
      actorUserId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      details: { roles: input.roles },
    });
    await this.sendLink(ctx, user, 'verify_email');
    return user;
  }

  /** Confirms an e-mail address with the link's token (once, before it expires). */
  async verifyEmail(ctx: RequestContext, token: string): Promise<void> {
    const userId = await this.useToken(ctx, token, 'verify_email');
    await ctx.em.update(
      UserAccount,
      { id: userId, emailVerifiedAt: IsNull() },
      { emailVerifiedAt: new Date() },
    );
    await this.audit.record(ctx, 'email_verified', {
      actorUserId: userId,
      subjectType: 'user',
      subjectId: userId,
    });
  }

  /**
   * Checks an e-mail and password, with lockout after repeated failures. Returns the user id; opening the
   * session is the caller's job.
   */
  async checkPassword(ctx: RequestContext, emailInput: string, password: string): Promise<string> {
    const email = emailInput.trim().toLowerCase();
    await this.throttle.hitAddress('login', ctx.client.ip);
    await this.throttle.assertNotLocked(email);
    // Citizens registered at a Social Point have a username instead of an e-mail address.
    const user = await ctx.em
      .createQueryBuilder(UserAccount, 'u')
      .addSelect('u.passwordHash')
      .where(email.includes('@') ? 'lower(u.email) = :email' : 'u.username = :email', { email })
      .getOne();
    const ok =
      user?.passwordHash && user.status === 'active'
        ? await this.passwords.verify(user.passwordHash, password)
        : await this.passwords.verify(await this.decoy(), password).then(() => false);
    if (!ok) {
      const locked = await this.throttle.recordFailure(email);
      await this.audit.record(ctx, 'login_failed', {
        actorUserId: user?.id ?? null,
        subjectType: 'user',
        subjectId: user?.id,
        details: { email },
      });
      if (locked)
        await this.audit.record(ctx, 'account_locked', {
          actorUserId: user?.id ?? null,
          subjectType: 'user',
          subjectId: user?.id,
          details: { email },
        });
      throw new InvalidCredentialsError();
    }
    if (user!.email && !user!.emailVerifiedAt) throw new EmailNotVerifiedError();
    await this.throttle.recordSuccess(email);
    await ctx.em.update(UserAccount, { id: user!.id }, { lastLoginAt: new Date() });
    await this.audit.record(ctx, 'login', {
      actorUserId: user!.id,
      subjectType: 'user',
      subjectId: user!.id,
    });
    return user!.id;
  }

  /** Sends the verification link again to an unverified account; says nothing either way. */
  async resendVerification(ctx: RequestContext, emailInput: string): Promise<void> {
    await this.throttle.hitAddress('password_reset', ctx.client.ip);
    const email = emailInput.trim().toLowerCase();
    const user = await ctx.em.findOne(UserAccount, {
      where: { email, status: 'active', emailVerifiedAt: IsNull() },
    });
    if (!user || !(await this.throttle.allowForAccount('verify_email', email))) return;
    await this.sendLink(ctx, user, 'verify_email');
  }

  /** Sends a reset link if the address belongs to an account; says nothing either way. */
  async requestPasswordReset(ctx: RequestContext, emailInput: string): Promise<void> {
    await this.throttle.hitAddress('password_reset', ctx.client.ip);
    const email = emailInput.trim().toLowerCase();
    const user = await ctx.em.findOne(UserAccount, { where: { email, status: 'active' } });
    // At most a few links an hour per account: nobody can flood a mailbox through this form.
    if (!user || !(await this.throttle.allowForAccount('password_reset', email))) return;
    await this.sendLink(ctx, user, 'reset_password');
    await this.audit.record(ctx, 'password_reset_requested', {
      actorUserId: user.id,
      subjectType: 'user',
      subjectId: user.id,
    });
  }

  /** Sets a new password with a reset link; signs out every session, and lifts a lockout. */
  async resetPassword(ctx: RequestContext, token: string, password: string): Promise<string> {
    const userId = await this.useToken(ctx, token, 'reset_password');
    const user = await ctx.em.findOneOrFail(UserAccount, { where: { id: userId } });
    assertPasswordAcceptable(password, user.email ?? '');
    // Opening the link proves the address too.
    await ctx.em.update(
      UserAccount,
      { id: userId },
      {
        passwordHash: await this.passwords.hash(password),
        emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
      },
    );
    await ctx.em.query(
      `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    if (user.email) await this.throttle.unlock(user.email);
    await this.audit.record(ctx, 'password_changed', {
      actorUserId: userId,
      subjectType: 'user',
      subjectId: userId,
    });
    return userId;
  }

  private async sendLink(ctx: RequestContext, user: UserAccount, purpose: LinkPurpose): Promise<void> {
    if (!user.email) return;
    const { token, hash } = newSecretToken();
    await ctx.em.insert(UserToken, {
      userId: user.id,
      purpose,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
    });
    const settings = await this.settings.publicSettings(ctx);
    const link = `${publicUrl(this.config)}${LINKS[purpose].path}?token=${token}`;
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.notifications,
      name: NOTIFICATION_JOBS.email,
      payload: {
        to: user.email,
        template: LINKS[purpose].template,
        params: { name: user.displayName, link, ambito: settings.name },
      },
    });
  }

  /** Marks a token used, atomically: of two concurrent uses only one succeeds. */
  async useToken(ctx: RequestContext, token: string, purpose: TokenPurpose): Promise<string> {
    // For an UPDATE ... RETURNING the driver answers [rows, affected].
    const [rows] = (await ctx.em.query(
      `UPDATE user_token SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [hashSecretToken(token), purpose],
    )) as [{ user_id: string }[], number];
    if (!rows[0]) throw new TokenInvalidError();
    return rows[0].user_id;
  }

  private decoy(): Promise<string> {
    decoyHash ??= this.passwords.hash(newSecretToken().token);
    return decoyHash;
  }
}

const FISCAL_CODE_MESSAGES: Record<'format' | 'check' | 'birthDate', Translated> = {
  format: {
    it: 'non è un codice fiscale valido (16 caratteri)',
    en: 'is not a valid fiscal code (16 characters)',
  },
  check: {
    it: 'il carattere di controllo non corrisponde: controlla di averlo scritto bene',
    en: 'the check character does not match: please check how it was typed',
  },
  birthDate: {
    it: 'non corrisponde alla data di nascita indicata',
    en: 'does not match the date of birth given',
  },
};

/** Validates a person's data beyond its shape: the fiscal code's check character and birth date. */
export function checkPerson(input: PersonInput): PersonInput {
  const fiscalCode = normaliseFiscalCode(input.fiscalCode);
  const problem = fiscalCodeProblem(fiscalCode, input.dateOfBirth);
  if (problem) throw new ValidationError([{ field: 'fiscalCode', message: FISCAL_CODE_MESSAGES[problem] }]);
  const born = new Date(`${input.dateOfBirth}T00:00:00Z`);
  if (Number.isNaN(born.getTime()) || born > new Date() || born.getUTCFullYear() < 1900) {
    throw new ValidationError([
      {
        field: 'dateOfBirth',
        message: { it: 'non è una data di nascita possibile', en: 'is not a possible date of birth' },
      },
    ]);
  }
  return {
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    fiscalCode,
    dateOfBirth: input.dateOfBirth,
  };
}

export function assertPasswordAcceptable(password: string, email: string): void {
  if (password.length < 10) {
    throw new ValidationError([
      {
        field: 'password',
        message: { it: 'deve avere almeno 10 caratteri', en: 'must be at least 10 characters long' },
      },
    ]);
  }
  if (
    email &&
    password.toLowerCase().includes(email.split('@')[0].toLowerCase()) &&
    email.split('@')[0].length >= 4
  ) {
    throw new ValidationError([
      {
        field: 'password',
        message: {
          it: 'non deve contenere il tuo indirizzo e-mail',
          en: 'must not contain your e-mail address',
        },
      },
    ]);
  }
}

/** Turns a unique-constraint race (two sign-ups at once) into the same 409 as the check before it. */
async function uniqueViolationAs<T>(run: () => Promise<T>, byConstraint: Record<string, Error>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const constraint = (error as QueryFailedError & { driverError?: { constraint?: string } }).driverError
      ?.constraint;
    if (error instanceof QueryFailedError && constraint && byConstraint[constraint])
      throw byConstraint[constraint];
    throw error;
  }
}
