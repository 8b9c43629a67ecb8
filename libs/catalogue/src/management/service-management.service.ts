import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import { checkOpeningHours, checkPrice, distinctTrimmed } from './directory-input';
import { ManagementAccess } from './management-access';
import { invalid, StatusConflictError } from './management.errors';
import type { ModeratedService, ProviderService, ServiceInput } from './management.types';
import { providerServices } from './provider-service.view';
import { insertWithFreeSlug, slugify } from './slugs';

/** A service's input once checked: ids in place of slugs, ready for the tables. */
interface CheckedService {
  categoryId: string;
  title: string;
  summary: string;
  description: string;
  priceModel: ServiceInput['priceModel'];
  priceCents: number | null;
  voucherPayable: boolean;
  keywords: string[];
  openingHours: ServiceInput['openingHours'];
  themeIds: string[];
  targetGroupIds: string[];
  comuneIds: string[];
  placeIds: string[];
}

/**
 * The services an organisation lists. A draft becomes public once an administrator approves its first
 * publication; after that the organisation edits, archives and republishes it without waiting.
 */
@Injectable()
export class ServiceManagementService {
  constructor(private readonly access: ManagementAccess) {}

  /** Every service of the organisation, whatever its status. */
  async list(ctx: RequestContext, organisationId: string): Promise<ProviderService[]> {
    await this.access.organisation(ctx, organisationId);
    return (await providerServices(ctx, { organisationId })).map(withoutOrganisation);
  }

  async get(ctx: RequestContext, serviceId: string): Promise<ProviderService> {
    await this.access.owner(ctx, 'service_offer', serviceId);
    return this.load(ctx, serviceId);
  }

  /** A new draft; its slug comes from the title (with a number when another service has it). */
  async create(ctx: RequestContext, organisationId: string, input: ServiceInput): Promise<ProviderService> {
    await this.access.accreditedOrganisation(ctx, organisationId);
    const service = await this.checked(ctx, organisationId, input);
    const id = await insertWithFreeSlug(ctx, 'service_offer', slugify(service.title) || 'servizio', (slug) =>
      this.insertDraft(ctx, slug, organisationId, service),
    );
    await this.replaceLinks(ctx, id, service);
    return this.load(ctx, id);
  }

  /** Changes a service in any status; a published one stays published (only the first publication is moderated). */
  async update(ctx: RequestContext, serviceId: string, input: ServiceInput): Promise<ProviderService> {
    const organisation = await this.access.owner(ctx, 'service_offer', serviceId, { accredited: true });
    const service = await this.checked(ctx, organisation.id, input);
    await ctx.em.query(
      `UPDATE service_offer
          SET category_id = $2, title = $3, summary = $4, description = $5, price_model = $6, price_cents = $7,
              voucher_payable = $8, keywords = $9::text[], opening_hours = $10::jsonb, updated_at = now()
        WHERE id = $1`,
      [
        serviceId,
        service.categoryId,
        service.title,
        service.summary,
        service.description,
        service.priceModel,
        service.priceCents,
        service.voucherPayable,
        service.keywords,
        JSON.stringify(service.openingHours),
      ],
    );
    await this.replaceLinks(ctx, serviceId, service);
    return this.load(ctx, serviceId);
  }

  /**
   * Asks to publish a draft (or an archived service): it waits for an administrator, unless it was
   * approved once already, in which case it is published at once.
   */
  async submit(ctx: RequestContext, serviceId: string): Promise<ProviderService> {
    await this.access.owner(ctx, 'service_offer', serviceId, { accredited: true });
    const [rows]: [{ id: string }[], number] = await ctx.em.query(
      `UPDATE service_offer
          SET status = CASE WHEN first_approved_at IS NULL THEN 'pending_review' ELSE 'published' END,
              submitted_at = CASE WHEN first_approved_at IS NULL THEN now() ELSE submitted_at END,
              published_at = CASE WHEN first_approved_at IS NULL THEN published_at ELSE now() END,
              review_note = CASE WHEN first_approved_at IS NULL THEN NULL ELSE review_note END,
              updated_at = now()
        WHERE id = $1 AND status IN ('draft', 'archived')
        RETURNING id`,
      [serviceId],
    );
    if (!rows[0]) {
      throw new StatusConflictError('SERVICE_ALREADY_SUBMITTED', {
        it: 'Il servizio è già pubblicato o in attesa di approvazione.',
        en: 'The service is already published or waiting for approval.',
      });
    }
    return this.load(ctx, serviceId);
  }

  /**
   * Takes a service out of the catalogue. Allowed even to an organisation that lost its accreditation:
   * withdrawing an offer never needs the Ambito's permission.
   */
  async archive(ctx: RequestContext, serviceId: string): Promise<ProviderService> {
    await this.access.owner(ctx, 'service_offer', serviceId);
    const [rows]: [{ id: string }[], number] = await ctx.em.query(
      `UPDATE service_offer SET status = 'archived', updated_at = now()
        WHERE id = $1 AND status <> 'archived'
        RETURNING id`,
      [serviceId],
    );
    if (!rows[0]) {
      throw new StatusConflictError('SERVICE_ALREADY_ARCHIVED', {
        it: 'Il servizio è già archiviato.',
        en: 'The service is already archived.',
      });
    }
    return this.load(ctx, serviceId);
  }

  /** The new row's id, or nothing when the slug was taken meanwhile. */
  private async insertDraft(
    ctx: RequestContext,
    slug: string,
    organisationId: string,
    service: CheckedService,
  ): Promise<string | undefined> {
    const rows: { id: string }[] = await ctx.em.query(
      `INSERT INTO service_offer (slug, organisation_id, category_id, title, summary, description, price_model,
                                  price_cents, voucher_payable, status, keywords, opening_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10::text[], $11::jsonb)
       ON CONFLICT (slug) DO NOTHING
       RETURNING id`,
      [
        slug,
        organisationId,
        service.categoryId,
        service.title,
        service.summary,
        service.description,
        service.priceModel,
        service.priceCents,
        service.voucherPayable,
        service.keywords,
        JSON.stringify(service.openingHours),
      ],
    );
    return rows[0]?.id;
  }

  private async load(ctx: RequestContext, serviceId: string): Promise<ProviderService> {
    const [service] = await providerServices(ctx, { serviceId });
    return withoutOrganisation(service);
  }

  /** Every rule of the contract on a service's input, each failure naming its field. */
  private async checked(
    ctx: RequestContext,
    organisationId: string,
    input: ServiceInput,
  ): Promise<CheckedService> {
    const title = input.title.trim();
    if (title.length < 3 || title.length > 120) {
      throw invalid('title', 'deve avere da 3 a 120 caratteri', 'must be 3 to 120 characters long');
    }
    const [category]: { id: string; parent_id: string | null }[] = await ctx.em.query(
      `SELECT id, parent_id FROM category WHERE slug = $1`,
      [input.categorySlug],
    );
    if (!category)
      throw invalid('categorySlug', 'non è una categoria del catalogo', 'is not a category of the catalogue');
    if (!category.parent_id) {
      throw invalid(
        'categorySlug',
        'scegli una sottocategoria, non una famiglia',
        'choose a subcategory, not a family',
      );
    }
    checkPrice(input.priceModel, input.priceCents);
    if (input.priceModel === 'free' && input.voucherPayable) {
      throw invalid(
        'voucherPayable',
        'un servizio gratuito non si paga con i buoni',
        'a free service is not paid with vouchers',
      );
    }
    const comuneSlugs = distinctTrimmed(input.comuneSlugs);
    if (comuneSlugs.length === 0) {
      throw invalid('comuneSlugs', 'indica almeno un Comune servito', 'name at least one Comune served');
    }
    const placeIds = distinctTrimmed(input.placeIds).map((id) => id.toLowerCase());
    const ownPlaces: { id: string }[] = await ctx.em.query(
      `SELECT id FROM place WHERE id = ANY($1::uuid[]) AND organisation_id = $2`,
      [placeIds, organisationId],
    );
    if (ownPlaces.length !== placeIds.length) {
      throw invalid(
        'placeIds',
        'contiene una sede che non è dell’ente',
        'contains a place that is not the organisation’s',
      );
    }
    return {
      categoryId: category.id,
      title,
      summary: input.summary.trim(),
      description: input.description.trim(),
      priceModel: input.priceModel,
      priceCents: input.priceCents,
      voucherPayable: input.voucherPayable,
      keywords: distinctTrimmed(input.keywords),
      openingHours: checkOpeningHours(input.openingHours),
      themeIds: await idsOf(ctx, 'theme', distinctTrimmed(input.themeSlugs), 'themeSlugs'),
      targetGroupIds: await idsOf(
        ctx,
        'target_group',
        distinctTrimmed(input.targetGroupSlugs),
        'targetGroupSlugs',
      ),
      comuneIds: await idsOf(ctx, 'comune', comuneSlugs, 'comuneSlugs'),
      placeIds,
    };
  }

  /** Themes, target groups, Comuni and places replaced as a whole, in the caller's transaction. */
  private async replaceLinks(ctx: RequestContext, serviceId: string, service: CheckedService): Promise<void> {
    const links = [
      ['service_offer_theme', 'theme_id', service.themeIds],
      ['service_offer_target_group', 'target_group_id', service.targetGroupIds],
      ['service_offer_comune', 'comune_id', service.comuneIds],
    ] as const;
    for (const [table, column, ids] of links) {
      await ctx.em.query(`DELETE FROM ${table} WHERE service_offer_id = $1`, [serviceId]);
      await ctx.em.query(`INSERT INTO ${table} (service_offer_id, ${column}) SELECT $1, unnest($2::uuid[])`, [
        serviceId,
        ids,
      ]);
    }
    // Only what changed, so the service's point on the map is refreshed once, not per row.
    await ctx.em.query(
      `DELETE FROM service_offer_place WHERE service_offer_id = $1 AND NOT (place_id = ANY($2::uuid[]))`,
      [serviceId, service.placeIds],
    );
    await ctx.em.query(
      `INSERT INTO service_offer_place (service_offer_id, place_id, position)
       SELECT $1, u.place_id, u.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS u(place_id, n)
       ON CONFLICT (service_offer_id, place_id) DO UPDATE SET position = EXCLUDED.position
        WHERE service_offer_place.position IS DISTINCT FROM EXCLUDED.position`,
      [serviceId, service.placeIds],
    );
  }
}

/** Ids of slugs of a taxonomy table (a constant of this file); an unknown slug is a 400 naming it. */
async function idsOf(
  ctx: RequestContext,
  table: 'theme' | 'target_group' | 'comune',
  slugs: string[],
  field: string,
): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows: { id: string; slug: string }[] = await ctx.em.query(
    `SELECT id, slug FROM ${table} WHERE slug = ANY($1::text[])`,
    [slugs],
  );
  const unknown = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (unknown.length) {
    throw invalid(
      field,
      `valori sconosciuti: ${unknown.join(', ')}`,
      `unknown values: ${unknown.join(', ')}`,
    );
  }
  return slugs.map((s) => rows.find((r) => r.slug === s)!.id);
}

function withoutOrganisation(service: ModeratedService): ProviderService {
  const { organisation: _organisation, ...rest } = service;
  return rest;
}
