import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext, type Role, type Translated } from '@piazza/core';
import { OrganisationNotAccreditedError } from './management.errors';

/** The organisation a provider acts for, as its members see it. */
export interface ManagedOrganisation {
  id: string;
  slug: string;
  name: string;
  email: string;
  accredited: boolean;
}

interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  email: string;
  accreditation_status: string;
}

/** What each kind of row is called in a "does not exist" message. */
const WHAT: Record<'organisation' | 'place' | 'service_offer' | 'service_slot' | 'event', Translated> = {
  organisation: { it: "L'ente", en: 'The organisation' },
  place: { it: 'La sede', en: 'The place' },
  service_offer: { it: 'Il servizio', en: 'The service' },
  service_slot: { it: 'La disponibilità', en: 'The slot' },
  event: { it: "L'evento", en: 'The event' },
};

/**
 * Row-level access of the provider back-office (Immich's `requireAccess`): the signed-in person must be a
 * member (owner or staff) of the organisation that owns the row; for anyone else the row does not exist.
 * The organisation tables belong to libs/identity, so they are read here by SQL.
 */
@Injectable()
export class ManagementAccess {
  /** The organisation, when the actor is one of its members; otherwise a 404. */
  async organisation(ctx: RequestContext, organisationId: string): Promise<ManagedOrganisation> {
    const userId = actorId(ctx);
    const rows: OrganisationRow[] = await ctx.em.query(
      `SELECT o.id, o.slug, o.name, o.email, o.accreditation_status
         FROM organisation o
         JOIN organisation_member m ON m.organisation_id = o.id AND m.user_id = $2
        WHERE o.id = $1`,
      [organisationId, userId],
    );
    if (!rows[0]) throw new NotFoundError(WHAT.organisation);
    return toOrganisation(rows[0]);
  }

  /** Same, for an organisation that must also be accredited (changes to services, slots and events). */
  async accreditedOrganisation(ctx: RequestContext, organisationId: string): Promise<ManagedOrganisation> {
    return requireAccredited(await this.organisation(ctx, organisationId));
  }

  /** The organisation owning a place, service, slot or event, when the actor is one of its members. */
  async owner(
    ctx: RequestContext,
    kind: 'place' | 'service_offer' | 'event',
    id: string,
    options: { accredited?: boolean } = {},
  ): Promise<ManagedOrganisation> {
    const userId = actorId(ctx);
    // `kind` is one of three table names fixed above, never input.
    const rows: OrganisationRow[] = await ctx.em.query(
      `SELECT o.id, o.slug, o.name, o.email, o.accreditation_status
         FROM ${kind} r
         JOIN organisation o ON o.id = r.organisation_id
         JOIN organisation_member m ON m.organisation_id = o.id AND m.user_id = $2
        WHERE r.id = $1`,
      [id, userId],
    );
    if (!rows[0]) throw new NotFoundError(WHAT[kind]);
    const organisation = toOrganisation(rows[0]);
    return options.accredited ? requireAccredited(organisation) : organisation;
  }

  /** A slot's service and organisation, when the actor is a member of that organisation. */
  async slotOwner(
    ctx: RequestContext,
    slotId: string,
    options: { accredited?: boolean } = {},
  ): Promise<ManagedOrganisation & { serviceOfferId: string }> {
    const userId = actorId(ctx);
    const rows: (OrganisationRow & { service_offer_id: string })[] = await ctx.em.query(
      `SELECT o.id, o.slug, o.name, o.email, o.accreditation_status, s.service_offer_id
         FROM service_slot s
         JOIN service_offer so ON so.id = s.service_offer_id
         JOIN organisation o ON o.id = so.organisation_id
         JOIN organisation_member m ON m.organisation_id = o.id AND m.user_id = $2
        WHERE s.id = $1`,
      [slotId, userId],
    );
    if (!rows[0]) throw new NotFoundError(WHAT.service_slot);
    const organisation = toOrganisation(rows[0]);
    if (options.accredited) requireAccredited(organisation);
    return { ...organisation, serviceOfferId: rows[0].service_offer_id };
  }
}

function toOrganisation(row: OrganisationRow): ManagedOrganisation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    email: row.email,
    accredited: row.accreditation_status === 'accredited',
  };
}

function requireAccredited(organisation: ManagedOrganisation): ManagedOrganisation {
  if (!organisation.accredited) throw new OrganisationNotAccreditedError();
  return organisation;
}

function actorId(ctx: RequestContext): string {
  // The routes are @Roles('provider'): a visitor never gets here; if one did, nothing exists for them.
  if (!ctx.actor) throw new NotFoundError();
  return ctx.actor.userId;
}

/** Defence in depth for the admin's services: the route's @Roles already checked this. */
export function requireRole(ctx: RequestContext, role: Role): void {
  if (!ctx.actor?.roles.includes(role)) throw new NotFoundError();
}
