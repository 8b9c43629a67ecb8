import { Injectable } from '@nestjs/common';
import { Comune, DomainError, NotFoundError, type RequestContext, type Role } from '@piazza/core';
import { QueryFailedError } from 'typeorm';
import { HouseholdMember, type Relationship } from '../entities/household-member.entity';
import { Household } from '../entities/household.entity';
import { UserAccount } from '../entities/user-account.entity';
import { HouseholdNotFoundError } from '../errors';
import { AuditService } from './audit.service';
import { checkPerson, type PersonInput } from './account.service';

export interface MemberView {
  id: string;
  firstName: string;
  lastName: string;
  fiscalCode: string;
  dateOfBirth: string;
  relation: Relationship;
}

export interface HouseholdView {
  id: string;
  comune: { slug: string; name: string };
  address: string;
  members: MemberView[];
}

export interface MeView {
  id: string;
  email: string | null;
  displayName: string;
  roles: Role[];
  emailVerified: boolean;
  household: HouseholdView | null;
}

export interface HouseholdSummary {
  id: string;
  comune: { slug: string; name: string };
  head: string | null;
  members: number;
  hasAccount: boolean;
}

export class MemberExistsError extends DomainError {
  constructor() {
    super(
      'MEMBER_EXISTS',
      409,
      {
        it: 'Questa persona fa già parte del nucleo familiare.',
        en: 'This person is already a member of the household.',
      },
      'fiscalCode',
    );
  }
}

/** The signed-in person and their household. Everything here is scoped to ctx.actor. */
@Injectable()
export class HouseholdService {
  constructor(private readonly audit: AuditService) {}

  async me(ctx: RequestContext): Promise<MeView> {
    const userId = requireActor(ctx);
    const user = await ctx.em.findOne(UserAccount, { where: { id: userId } });
    if (!user) throw new NotFoundError();
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      emailVerified: user.emailVerifiedAt !== null,
      household: await this.find(ctx, userId),
    };
  }

  async mine(ctx: RequestContext): Promise<HouseholdView> {
    const household = await this.find(ctx, requireActor(ctx));
    if (!household) throw new HouseholdNotFoundError();
    return household;
  }

  /** Adds a person to the signed-in citizen's household. */
  async addMember(
    ctx: RequestContext,
    input: PersonInput & { relation: Exclude<Relationship, 'self'> },
  ): Promise<MemberView> {
    const userId = requireActor(ctx);
    const household = await ctx.em.findOne(Household, { where: { ownerUserId: userId } });
    if (!household) throw new HouseholdNotFoundError();
    return this.insertMember(ctx, household, input);
  }

  /**
   * A social worker adds a person to a household of their Comuni whose head has no e-mail (registered at
   * a Social Point): such a family cannot keep its data up to date alone. Other households: 404.
   */
  async addMemberAsSocialWorker(
    ctx: RequestContext,
    householdId: string,
    input: PersonInput & { relation: Exclude<Relationship, 'self'> },
  ): Promise<MemberView> {
    const comuneIds = socialWorkerComuni(ctx);
    const household = await ctx.em.findOne(Household, { where: { id: householdId } });
    if (!household || !comuneIds.includes(household.comuneId)) {
      throw new NotFoundError({ it: 'Il nucleo familiare', en: 'The household' });
    }
    const owner = household.ownerUserId
      ? await ctx.em.findOne(UserAccount, { where: { id: household.ownerUserId } })
      : null;
    if (owner?.email) {
      throw new DomainError('HOUSEHOLD_SELF_MANAGED', 409, {
        it: 'Questo nucleo ha un indirizzo e-mail e aggiorna i propri dati da solo.',
        en: 'This household has an e-mail address and keeps its own data up to date.',
      });
    }
    return this.insertMember(ctx, household, input);
  }

  private async insertMember(
    ctx: RequestContext,
    household: Household,
    input: PersonInput & { relation: Exclude<Relationship, 'self'> },
  ): Promise<MemberView> {
    const person = checkPerson(input);
    try {
      const member = await ctx.em.save(HouseholdMember, {
        householdId: household.id,
        ...person,
        relation: input.relation,
      });
      await this.audit.record(ctx, 'household_member_added', {
        subjectType: 'household',
        subjectId: household.id,
      });
      return toMemberView(member);
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error as { driverError?: { code?: string } }).driverError?.code === '23505'
      ) {
        throw new MemberExistsError();
      }
      throw error;
    }
  }

  /**
   * For a social worker: the households resident in the Comuni they act for, by head of household.
   * Nothing from any other Comune is ever listed.
   */
  async listForSocialWorker(ctx: RequestContext, search: { q?: string }): Promise<HouseholdSummary[]> {
    const comuneIds = socialWorkerComuni(ctx);
    const rows: {
      id: string;
      comune_slug: string;
      comune_name: string;
      head: string | null;
      members: number;
      has_account: boolean;
    }[] = await ctx.em.query(
      `SELECT h.id, c.slug AS comune_slug, c.name AS comune_name,
                (SELECT m.first_name || ' ' || m.last_name FROM household_member m
                  WHERE m.household_id = h.id AND m.relation = 'self') AS head,
                (SELECT count(*)::int FROM household_member m WHERE m.household_id = h.id) AS members,
                h.owner_user_id IS NOT NULL AS has_account
           FROM household h JOIN comune c ON c.id = h.comune_id
          WHERE h.comune_id = ANY($1::uuid[])
            AND ($2::text IS NULL OR EXISTS (
                  SELECT 1 FROM household_member m WHERE m.household_id = h.id
                     AND (f_unaccent(lower(m.first_name || ' ' || m.last_name)) LIKE '%' || f_unaccent(lower($2)) || '%'
                          OR m.fiscal_code = upper($2))))
          ORDER BY head NULLS LAST
          LIMIT 200`,
      [comuneIds, search.q?.trim() || null],
    );
    return rows.map((r) => ({
      id: r.id,
      comune: { slug: r.comune_slug, name: r.comune_name },
      head: r.head,
      members: r.members,
      hasAccount: r.has_account,
    }));
  }

  /** For a social worker: one household of their Comuni (404 for any other), and the access is audited. */
  async detailForSocialWorker(
    ctx: RequestContext,
    householdId: string,
  ): Promise<HouseholdView & { headHasEmail: boolean; accessLetter: boolean }> {
    const comuneIds = socialWorkerComuni(ctx);
    const household = await ctx.em.findOne(Household, {
      where: { id: householdId },
      relations: { members: true },
    });
    if (!household || !comuneIds.includes(household.comuneId))
      throw new NotFoundError({ it: 'Il nucleo familiare', en: 'The household' });
    await this.audit.record(ctx, 'household_viewed', { subjectType: 'household', subjectId: household.id });
    const comune = await ctx.em.findOneOrFail(Comune, { where: { id: household.comuneId } });
    const owner = household.ownerUserId
      ? await ctx.em.findOne(UserAccount, { where: { id: household.ownerUserId } })
      : null;
    return {
      id: household.id,
      comune: { slug: comune.slug, name: comune.name },
      address: household.address,
      headHasEmail: Boolean(owner?.email),
      // A letter can be printed for a head who signs in with a username (registered at a Social Point).
      accessLetter: Boolean(owner?.username),
      members: household.members
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map(toMemberView),
    };
  }

  private async find(ctx: RequestContext, userId: string): Promise<HouseholdView | null> {
    const household = await ctx.em.findOne(Household, {
      where: { ownerUserId: userId },
      relations: { members: true },
      order: { members: { createdAt: 'ASC' } },
    });
    if (!household) return null;
    const comune = await ctx.em.findOneOrFail(Comune, { where: { id: household.comuneId } });
    return {
      id: household.id,
      comune: { slug: comune.slug, name: comune.name },
      address: household.address,
      members: household.members.map(toMemberView),
    };
  }
}

function socialWorkerComuni(ctx: RequestContext): string[] {
  // Defence in depth: the route's @Roles already checked the role.
  if (!ctx.actor?.roles.includes('social_worker')) throw new NotFoundError();
  return [...ctx.actor.comuneIds];
}

function requireActor(ctx: RequestContext): string {
  // Routes are guarded; reaching here without an actor is a programming error, not a user error.
  if (!ctx.actor) throw new Error('HouseholdService needs a signed-in actor');
  return ctx.actor.userId;
}

function toMemberView(m: HouseholdMember): MemberView {
  return {
    id: m.id,
    firstName: m.firstName,
    lastName: m.lastName,
    fiscalCode: m.fiscalCode,
    dateOfBirth: m.dateOfBirth,
    relation: m.relation,
  };
}
