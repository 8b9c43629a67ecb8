import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  NOTIFICATION_JOBS,
  NotFoundError,
  OutboxService,
  publicUrl,
  QUEUES,
  type RequestContext,
  SettingsService,
} from '@piazza/core';
import { requireRole } from './management-access';
import { invalid, OrganisationNotAccreditedError, StatusConflictError } from './management.errors';
import type { ModeratedService, ModerationItem } from './management.types';
import { providerServices } from './provider-service.view';

export interface ModerationDecision {
  approve: boolean;
  note?: string | null;
}

/**
 * The Ambito office's review of a service's first publication: approve (it goes public) or send it back
 * to draft with a note. The organisation is e-mailed either way, through the outbox.
 */
@Injectable()
export class ModerationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
  ) {}

  /** Services waiting for review, the longest-waiting first. */
  async queue(ctx: RequestContext): Promise<ModerationItem[]> {
    requireRole(ctx, 'admin');
    const rows: {
      id: string;
      slug: string;
      title: string;
      organisation_id: string;
      organisation_slug: string;
      organisation_name: string;
      category_slug: string;
      category_name_it: string;
      category_name_en: string;
      submitted_at: Date | null;
      first_approved_at: Date | null;
    }[] = await ctx.em.query(
      `SELECT s.id, s.slug, s.title, o.id AS organisation_id, o.slug AS organisation_slug,
              o.name AS organisation_name, c.slug AS category_slug, c.name_it AS category_name_it,
              c.name_en AS category_name_en, s.submitted_at, s.first_approved_at
         FROM service_offer s
         JOIN organisation o ON o.id = s.organisation_id
         JOIN category c ON c.id = s.category_id
        WHERE s.status = 'pending_review'
        ORDER BY s.submitted_at NULLS FIRST, s.created_at`,
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      organisation: { id: r.organisation_id, slug: r.organisation_slug, name: r.organisation_name },
      category: { slug: r.category_slug, name: { it: r.category_name_it, en: r.category_name_en } },
      submittedAt: r.submitted_at?.toISOString() ?? null,
      firstPublication: r.first_approved_at === null,
    }));
  }

  /** A service in any status, with its organisation, for the moderator to read in full. */
  async get(ctx: RequestContext, serviceId: string): Promise<ModeratedService> {
    requireRole(ctx, 'admin');
    const [service] = await providerServices(ctx, { serviceId });
    if (!service) throw new NotFoundError({ it: 'Il servizio', en: 'The service' });
    return service;
  }

  /** Approves (publishes) or refuses (back to draft, with the reason) a service waiting for review. */
  async decide(
    ctx: RequestContext,
    serviceId: string,
    decision: ModerationDecision,
  ): Promise<ModeratedService> {
    requireRole(ctx, 'admin');
    const note = decision.note?.trim() || null;
    if (!decision.approve && !note) {
      throw invalid(
        'note',
        'spiega all’ente cosa correggere prima di rimandare il servizio in bozza',
        'tell the organisation what to fix before sending the service back to draft',
      );
    }
    const [service]: { id: string; status: string; accreditation_status: string }[] = await ctx.em.query(
      `SELECT s.id, s.status, o.accreditation_status
         FROM service_offer s JOIN organisation o ON o.id = s.organisation_id WHERE s.id = $1`,
      [serviceId],
    );
    if (!service) throw new NotFoundError({ it: 'Il servizio', en: 'The service' });
    if (decision.approve && service.accreditation_status !== 'accredited') {
      throw new OrganisationNotAccreditedError();
    }
    // Conditional on the status, so two moderators deciding at once cannot both win.
    const [rows]: [{ id: string }[], number] = await ctx.em.query(
      decision.approve
        ? `UPDATE service_offer
              SET status = 'published', first_approved_at = coalesce(first_approved_at, now()),
                  published_at = now(), review_note = NULL, updated_at = now()
            WHERE id = $1 AND status = 'pending_review'
            RETURNING id`
        : `UPDATE service_offer SET status = 'draft', review_note = $2, updated_at = now()
            WHERE id = $1 AND status = 'pending_review'
            RETURNING id`,
      decision.approve ? [serviceId] : [serviceId, note],
    );
    if (!rows[0]) {
      throw new StatusConflictError('SERVICE_NOT_PENDING', {
        it: 'Il servizio non è in attesa di approvazione: forse qualcuno ha già deciso.',
        en: 'The service is not waiting for approval: someone may have decided already.',
      });
    }
    const decided = await this.get(ctx, serviceId);
    await this.notify(ctx, decided, decision.approve, note);
    return decided;
  }

  private async notify(
    ctx: RequestContext,
    service: ModeratedService,
    approved: boolean,
    note: string | null,
  ): Promise<void> {
    const [organisation]: { email: string }[] = await ctx.em.query(
      `SELECT email FROM organisation WHERE id = $1`,
      [service.organisation.id],
    );
    const settings = await this.settings.publicSettings(ctx);
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.notifications,
      name: NOTIFICATION_JOBS.email,
      payload: {
        to: organisation.email,
        template: 'service-moderation',
        params: {
          organisation: service.organisation.name,
          service: service.title,
          decision: approved ? 'approved' : 'refused',
          note: note ?? '',
          link: approved
            ? `${publicUrl(this.config)}/servizi/${service.slug}`
            : `${publicUrl(this.config)}/ente/servizi/${service.id}`,
          ambito: settings.name,
        },
      },
    });
  }
}
