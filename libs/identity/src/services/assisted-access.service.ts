import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  Comune,
  NotFoundError,
  publicUrl,
  type RequestContext,
  SettingsService,
  ValidationError,
} from '@piazza/core';
import { randomInt } from 'node:crypto';
import { HouseholdMember, type Relationship } from '../entities/household-member.entity';
import { Household } from '../entities/household.entity';
import { UserAccount } from '../entities/user-account.entity';
import { UserToken } from '../entities/user-token.entity';
import { FiscalCodeTakenError } from '../errors';
import { checkPerson, type PersonInput, AccountService, assertPasswordAcceptable } from './account.service';
import { renderAccessLetter } from './access-letter.pdf';
import { AuditService } from './audit.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordService } from './password.service';
import { hashSecretToken } from './secret-token';

export interface AssistedRegistration {
  comune: string;
  address: string;
  head: PersonInput;
  members?: (PersonInput & { relation: Exclude<Relationship, 'self'> })[];
}

// No 0/O, 1/I/L: the code is read from paper and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_TTL_MS = 30 * 24 * 3_600_000;

/** Names a nested person's fields as the form does (head.fiscalCode, members.1.fiscalCode). */
function withFieldPrefix<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError && error.details) {
      throw new ValidationError(error.details.map((d) => ({ ...d, field: `${prefix}.${d.field}` })));
    }
    throw error;
  }
}

/** One-time codes are typed with or without the dashes, in any case. */
export function normaliseAccessCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Assisted mode: a social worker registers, at a Social Point, a household whose head has no e-mail,
 * and prints a letter with a username and a one-time code to open the account.
 */
@Injectable()
export class AssistedAccessService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(
    ctx: RequestContext,
    input: AssistedRegistration,
  ): Promise<{ householdId: string; username: string }> {
    const comune = await ctx.em.findOne(Comune, { where: { slug: input.comune } });
    if (!comune || !ctx.actor?.comuneIds.includes(comune.id)) {
      throw new ValidationError([
        {
          field: 'comune',
          message: { it: 'non è un Comune in cui operi', en: 'is not a Comune you work for' },
        },
      ]);
    }
    const head = withFieldPrefix('head', () => checkPerson(input.head));
    const members = (input.members ?? []).map((m, i) => ({
      ...withFieldPrefix(`members.${i}`, () => checkPerson(m)),
      relation: m.relation,
    }));
    if (await ctx.em.exists(UserAccount, { where: { fiscalCode: head.fiscalCode } }))
      throw new FiscalCodeTakenError();
    const user = await ctx.em.save(UserAccount, {
      email: null,
      passwordHash: null,
      username: await this.freeUsername(ctx, head),
      displayName: `${head.firstName} ${head.lastName}`,
      fiscalCode: head.fiscalCode,
      roles: ['citizen'],
      status: 'active',
    });
    const household = await ctx.em.save(Household, {
      comuneId: comune.id,
      ownerUserId: user.id,
      address: input.address.trim(),
      registeredBy: ctx.actor.userId,
    });
    await ctx.em.insert(HouseholdMember, [
      { householdId: household.id, ...head, relation: 'self' as const },
      ...members.map((m) => ({ householdId: household.id, ...m })),
    ]);
    await this.audit.record(ctx, 'register', {
      subjectType: 'user',
      subjectId: user.id,
      details: { assisted: true, householdId: household.id },
    });
    return { householdId: household.id, username: user.username! };
  }

  /**
   * A new one-time code for the household's head, as a printable letter. Any earlier code stops working:
   * a reprint replaces a lost letter.
   */
  async accessLetter(ctx: RequestContext, householdId: string): Promise<Buffer> {
    const household = await ctx.em.findOne(Household, { where: { id: householdId } });
    if (!household || !ctx.actor?.comuneIds.includes(household.comuneId)) {
      throw new NotFoundError({ it: 'Il nucleo familiare', en: 'The household' });
    }
    const user = household.ownerUserId
      ? await ctx.em.findOne(UserAccount, { where: { id: household.ownerUserId } })
      : null;
    if (!user?.username) {
      throw new ValidationError([
        {
          field: 'household',
          message: {
            it: 'ha già un indirizzo e-mail: può recuperare la password da solo',
            en: 'already has an e-mail address: the citizen can reset the password alone',
          },
        },
      ]);
    }
    const code = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const validUntil = new Date(Date.now() + CODE_TTL_MS);
    await ctx.em.query(
      `UPDATE user_token SET used_at = now() WHERE user_id = $1 AND purpose = 'first_access' AND used_at IS NULL`,
      [user.id],
    );
    await ctx.em.insert(UserToken, {
      userId: user.id,
      purpose: 'first_access',
      tokenHash: hashSecretToken(code),
      expiresAt: validUntil,
    });
    await this.audit.record(ctx, 'access_letter_issued', {
      subjectType: 'household',
      subjectId: household.id,
    });

    const [settings, comune] = await Promise.all([
      this.settings.publicSettings(ctx),
      ctx.em.findOneOrFail(Comune, { where: { id: household.comuneId } }),
    ]);
    const contacts = [settings.contacts.phone, settings.contacts.email].filter(Boolean).join(' · ');
    return renderAccessLetter({
      platformName: settings.name,
      ambitoName: settings.shortName,
      recipient: {
        name: user.displayName,
        address: household.address,
        // Social workers often type the whole address, town included: print the town once.
        comune: household.address.includes(comune.name)
          ? ''
          : `${comune.postalCode} ${comune.name} (${comune.province})`,
      },
      username: user.username,
      code: code.match(/.{4}/g)!.join('-'),
      validUntil,
      firstAccessUrl: `${publicUrl(this.config)}/accesso/primo-accesso`,
      helpContacts: contacts || 'il Social Point del tuo Comune',
    });
  }

  /** The first sign-in with the letter: the code is used up and the person chooses a password. */
  async firstAccess(ctx: RequestContext, username: string, code: string, password: string): Promise<string> {
    await this.throttle.hitAddress('login', ctx.client.ip);
    const user = await ctx.em.findOne(UserAccount, { where: { username: username.trim().toLowerCase() } });
    assertPasswordAcceptable(password, '');
    const userId = await this.accounts.useToken(ctx, normaliseAccessCode(code), 'first_access');
    // A valid code for another account is as wrong as an invalid one.
    if (!user || user.id !== userId) {
      throw new ValidationError([
        {
          field: 'code',
          message: { it: 'non corrisponde al nome utente', en: 'does not match the username' },
        },
      ]);
    }
    await ctx.em.update(UserAccount, { id: userId }, { passwordHash: await this.passwords.hash(password) });
    await this.audit.record(ctx, 'password_changed', {
      actorUserId: userId,
      subjectType: 'user',
      subjectId: userId,
      details: { firstAccess: true },
    });
    return userId;
  }

  private async freeUsername(ctx: RequestContext, person: PersonInput): Promise<string> {
    const clean = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    const base =
      `${clean(person.firstName)}.${clean(person.lastName)}`.slice(0, 30).replace(/^\.|\.$/g, '') || 'utente';
    for (;;) {
      const candidate = `${base}.${randomInt(100, 1000)}`;
      if (!(await ctx.em.exists(UserAccount, { where: { username: candidate } }))) return candidate;
    }
  }
}
