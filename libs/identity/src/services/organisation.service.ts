import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  Comune,
  DomainError,
  NOTIFICATION_JOBS,
  NotFoundError,
  OutboxService,
  publicUrl,
  QUEUES,
  type RequestContext,
  type Role,
  SettingsService,
  ValidationError,
} from '@piazza/core';
import { OrganisationInvitation } from '../entities/organisation-invitation.entity';
import { OrganisationMember } from '../entities/organisation-member.entity';
import {
  type AccreditationStatus,
  Organisation,
  type OrganisationKind,
} from '../entities/organisation.entity';
import { UserAccount } from '../entities/user-account.entity';
import { TokenInvalidError } from '../errors';
import { normaliseVatNumber, vatNumberIsValid } from '../vat-number';
import { AccountService, assertPasswordAcceptable } from './account.service';
import { AuditService } from './audit.service';
import { PasswordService } from './password.service';
import { hashSecretToken, newSecretToken } from './secret-token';

export interface OrganisationSignUp {
  kind: OrganisationKind;
  name: string;
  legalName: string;
  vatNumber: string;
  email: string;
  phone?: string;
  website?: string;
  comune: string;
  address: string;
  shopCategory?: string;
  owner: { firstName: string; lastName: string; email: string; password: string };
}

export interface OrganisationView {
  id: string;
  slug: string;
  kind: OrganisationKind;
  name: string;
  legalName: string;
  vatNumber: string | null;
  email: string;
  phone: string | null;
  comune: { slug: string; name: string };
  address: string;
  accreditationStatus: AccreditationStatus;
  accreditationNote: string | null;
  createdAt: string;
}

export interface MemberOfOrganisation {
  userId: string;
  displayName: string;
  email: string | null;
  role: 'owner' | 'staff';
}

export class VatNumberTakenError extends DomainError {
  constructor() {
    super(
      'VAT_NUMBER_TAKEN',
      409,
      {
        it: 'Questa partita IVA è già registrata. Chiedi a chi gestisce l’ente di invitarti.',
        en: 'This VAT number is already registered. Ask whoever manages the organisation to invite you.',
      },
      'vatNumber',
    );
  }
}

/** The role an organisation's people get on the platform. */
export const ROLE_FOR_KIND: Record<OrganisationKind, Role> = {
  cooperative: 'provider',
  association: 'provider',
  public_body: 'provider',
  shop: 'merchant',
};

const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/** Organisations signing up, their accreditation by the Ambito, and their members. */
@Injectable()
export class OrganisationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
  ) {}

  /**
   * An organisation and the account of its owner. It waits for accreditation; the owner confirms the
   * e-mail address before signing in.
   */
  async signUp(ctx: RequestContext, input: OrganisationSignUp): Promise<{ organisationId: string }> {
    const vatNumber = normaliseVatNumber(input.vatNumber);
    if (!vatNumberIsValid(vatNumber)) {
      throw new ValidationError([
        {
          field: 'vatNumber',
          message: {
            it: 'non è una partita IVA valida (11 cifre, l’ultima di controllo)',
            en: 'is not a valid VAT number (11 digits, the last a check digit)',
          },
        },
      ]);
    }
    if ((input.kind === 'shop') !== Boolean(input.shopCategory)) {
      throw new ValidationError([
        {
          field: 'shopCategory',
          message: {
            it: 'va indicata per i negozi, e solo per loro',
            en: 'is required for shops, and only for them',
          },
        },
      ]);
    }
    const comune = await ctx.em.findOne(Comune, { where: { slug: input.comune } });
    if (!comune) {
      throw new ValidationError([
        {
          field: 'comune',
          message: { it: 'non è un Comune dell’Ambito', en: 'is not a Comune of the Ambito' },
        },
      ]);
    }
    if (await ctx.em.exists(Organisation, { where: { vatNumber } })) throw new VatNumberTakenError();

    const owner = await ownerFields(() =>
      this.accounts.createPasswordAccount(ctx, {
        email: input.owner.email,
        password: input.owner.password,
        displayName: `${input.owner.firstName.trim()} ${input.owner.lastName.trim()}`,
        roles: [ROLE_FOR_KIND[input.kind]],
      }),
    );
    const organisation = await ctx.em.save(Organisation, {
      slug: await this.freeSlug(ctx, input.name),
      kind: input.kind,
      name: input.name.trim(),
      legalName: input.legalName.trim(),
      vatNumber,
      fiscalCode: vatNumber,
      email: input.email.trim().toLowerCase(),
      phone: input.phone?.trim() || null,
      website: input.website?.trim() || null,
      comuneId: comune.id,
      address: input.address.trim(),
      shopCategory: input.shopCategory ?? null,
      accreditedAt: null,
      accreditationStatus: 'pending',
    });
    await ctx.em.insert(OrganisationMember, {
      organisationId: organisation.id,
      userId: owner.id,
      role: 'owner',
    });
    await this.audit.record(ctx, 'organisation_signed_up', {
      actorUserId: owner.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
    });
    return { organisationId: organisation.id };
  }

  /** For the Ambito office: organisations by accreditation status, oldest request first. */
  async listForAdmin(
    ctx: RequestContext,
    status: AccreditationStatus | undefined,
  ): Promise<OrganisationView[]> {
    requireRole(ctx, 'admin');
    const rows = await ctx.em.find(Organisation, {
      where: status ? { accreditationStatus: status } : {},
      order: { createdAt: 'ASC' },
    });
    return this.views(ctx, rows);
  }

  /** Accredits or refuses an organisation; the decision is audited and e-mailed to the organisation. */
  async decideAccreditation(
    ctx: RequestContext,
    organisationId: string,
    decision: 'accredited' | 'rejected',
    note: string | undefined,
  ): Promise<OrganisationView> {
    requireRole(ctx, 'admin');
    const organisation = await ctx.em.findOne(Organisation, { where: { id: organisationId } });
    if (!organisation) throw new NotFoundError({ it: "L'ente", en: 'The organisation' });
    const previous = organisation.accreditationStatus;
    organisation.accreditationStatus = decision;
    organisation.accreditedAt = decision === 'accredited' ? (organisation.accreditedAt ?? new Date()) : null;
    organisation.accreditationNote = note?.trim() || null;
    await ctx.em.save(organisation);
    await this.audit.record(ctx, 'accreditation_changed', {
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { from: previous, to: decision, note: organisation.accreditationNote },
    });
    const settings = await this.settings.publicSettings(ctx);
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.notifications,
      name: NOTIFICATION_JOBS.email,
      payload: {
        to: organisation.email,
        template: 'organisation-accreditation',
        params: {
          organisation: organisation.name,
          decision,
          note: organisation.accreditationNote ?? '',
          ambito: settings.name,
        },
      },
    });
    return (await this.views(ctx, [organisation]))[0];
  }

  /** The organisations the signed-in person belongs to, with their role in each. */
  async mine(ctx: RequestContext): Promise<(OrganisationView & { myRole: 'owner' | 'staff' })[]> {
    const userId = requireActor(ctx);
    const memberships = await ctx.em.find(OrganisationMember, { where: { userId } });
    if (memberships.length === 0) return [];
    const organisations = await ctx.em.find(Organisation, {
      where: memberships.map((m) => ({ id: m.organisationId })),
      order: { name: 'ASC' },
    });
    const views = await this.views(ctx, organisations);
    return views.map((v) => ({ ...v, myRole: memberships.find((m) => m.organisationId === v.id)!.role }));
  }

  /** An organisation's people, for its own members only (anyone else gets a 404). */
  async members(ctx: RequestContext, organisationId: string): Promise<MemberOfOrganisation[]> {
    await this.requireMembership(ctx, organisationId);
    const rows: { user_id: string; display_name: string; email: string | null; role: 'owner' | 'staff' }[] =
      await ctx.em.query(
        `SELECT m.user_id, u.display_name, u.email, m.role
           FROM organisation_member m JOIN user_account u ON u.id = m.user_id
          WHERE m.organisation_id = $1
          ORDER BY m.role, u.display_name`,
        [organisationId],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      role: r.role,
    }));
  }

  /** An owner invites someone by e-mail; the link lets them join (with a new or an existing account). */
  async invite(
    ctx: RequestContext,
    organisationId: string,
    emailInput: string,
    role: 'owner' | 'staff',
  ): Promise<void> {
    const membership = await this.requireMembership(ctx, organisationId);
    if (membership.role !== 'owner') {
      throw new DomainError('OWNER_ONLY', 403, {
        it: 'Solo chi è titolare dell’ente può invitare altre persone.',
        en: 'Only an owner of the organisation can invite other people.',
      });
    }
    const organisation = await ctx.em.findOneOrFail(Organisation, { where: { id: organisationId } });
    const inviter = await ctx.em.findOneOrFail(UserAccount, { where: { id: ctx.actor!.userId } });
    const email = emailInput.trim().toLowerCase();
    const { token, hash } = newSecretToken();
    await ctx.em.insert(OrganisationInvitation, {
      organisationId,
      email,
      role,
      tokenHash: hash,
      invitedBy: inviter.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    const settings = await this.settings.publicSettings(ctx);
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.notifications,
      name: NOTIFICATION_JOBS.email,
      payload: {
        to: email,
        template: 'organisation-invite',
        params: {
          organisation: organisation.name,
          inviter: inviter.displayName,
          link: `${publicUrl(this.config)}/accesso/invito?token=${token}`,
          ambito: settings.name,
        },
      },
    });
    await this.audit.record(ctx, 'member_invited', {
      subjectType: 'organisation',
      subjectId: organisationId,
      details: { email, role },
    });
  }

  /**
   * Joins the organisation of an invitation. Someone without an account gets one (the link proves the
   * address, so it is verified at once); someone with an account must be signed in as that account.
   */
  async acceptInvitation(
    ctx: RequestContext,
    token: string,
    newAccount: { displayName: string; password: string } | null,
  ): Promise<{ userId: string; organisationId: string }> {
    const [rows] = (await ctx.em.query(
      `UPDATE organisation_invitation SET accepted_at = now()
        WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now()
        RETURNING organisation_id, email, role`,
      [hashSecretToken(token)],
    )) as [{ organisation_id: string; email: string; role: 'owner' | 'staff' }[], number];
    const invitation = rows[0];
    if (!invitation) throw new TokenInvalidError();
    const organisation = await ctx.em.findOneOrFail(Organisation, {
      where: { id: invitation.organisation_id },
    });
    const role = ROLE_FOR_KIND[organisation.kind];

    let user = await ctx.em.findOne(UserAccount, { where: { email: invitation.email } });
    if (user) {
      if (ctx.actor?.userId !== user.id) {
        throw new DomainError('SIGN_IN_AS_INVITEE', 403, {
          it: `Questo invito è per ${invitation.email}: accedi con quell'account e apri di nuovo il link.`,
          en: `This invitation is for ${invitation.email}: sign in with that account and open the link again.`,
        });
      }
    } else {
      if (!newAccount) {
        throw new ValidationError([
          {
            field: 'password',
            message: {
              it: 'scegli una password per il nuovo account',
              en: 'choose a password for the new account',
            },
          },
        ]);
      }
      assertPasswordAcceptable(newAccount.password, invitation.email);
      user = await ctx.em.save(UserAccount, {
        email: invitation.email,
        passwordHash: await this.passwords.hash(newAccount.password),
        displayName: newAccount.displayName.trim(),
        roles: [],
        status: 'active',
        emailVerifiedAt: new Date(),
      });
    }
    if (!user.roles.includes(role)) {
      await ctx.em.query(`UPDATE user_account SET roles = array_append(roles, $2) WHERE id = $1`, [
        user.id,
        role,
      ]);
      await this.audit.record(ctx, 'role_changed', {
        actorUserId: user.id,
        subjectType: 'user',
        subjectId: user.id,
        details: { added: role, via: 'invitation', organisationId: organisation.id },
      });
    }
    await ctx.em
      .createQueryBuilder()
      .insert()
      .into(OrganisationMember)
      .values({ organisationId: organisation.id, userId: user.id, role: invitation.role })
      .orIgnore()
      .execute();
    return { userId: user.id, organisationId: organisation.id };
  }

  private async requireMembership(ctx: RequestContext, organisationId: string): Promise<OrganisationMember> {
    const userId = requireActor(ctx);
    const membership = await ctx.em.findOne(OrganisationMember, { where: { organisationId, userId } });
    // Not a member: the organisation's people are not yours to see, and neither is the fact it exists.
    if (!membership) throw new NotFoundError({ it: "L'ente", en: 'The organisation' });
    return membership;
  }

  private async freeSlug(ctx: RequestContext, name: string): Promise<string> {
    const base =
      name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'ente';
    for (let n = 1; ; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (!(await ctx.em.exists(Organisation, { where: { slug } }))) return slug;
    }
  }

  private async views(ctx: RequestContext, organisations: Organisation[]): Promise<OrganisationView[]> {
    const comuni = await ctx.em.find(Comune);
    const byId = new Map(comuni.map((c) => [c.id, c]));
    return organisations.map((o) => ({
      id: o.id,
      slug: o.slug,
      kind: o.kind,
      name: o.name,
      legalName: o.legalName,
      vatNumber: o.vatNumber,
      email: o.email,
      phone: o.phone,
      comune: { slug: byId.get(o.comuneId)!.slug, name: byId.get(o.comuneId)!.name },
      address: o.address,
      accreditationStatus: o.accreditationStatus,
      accreditationNote: o.accreditationNote,
      createdAt: o.createdAt.toISOString(),
    }));
  }
}

/** The owner's e-mail and password sit under `owner` in the sign-up form: name the fields so. */
async function ownerFields<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && (error.field === 'email' || error.field === 'password')) {
      throw new DomainError(
        error.code,
        error.status,
        error.text,
        `owner.${error.field}`,
        error.details?.map((d) => ({ ...d, field: `owner.${d.field}` })),
      );
    }
    throw error;
  }
}

function requireActor(ctx: RequestContext): string {
  if (!ctx.actor) throw new Error('OrganisationService needs a signed-in actor');
  return ctx.actor.userId;
}

/** Defence in depth: the route's @Roles already checked this. */
function requireRole(ctx: RequestContext, role: Role): void {
  if (!ctx.actor?.roles.includes(role)) throw new NotFoundError();
}
