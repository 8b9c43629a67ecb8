import { Injectable } from '@nestjs/common';
import { AmbitoSettings, DEFAULT_SETTINGS, type RequestContext } from '@piazza/core';
import type { ShareCard } from './directory.types';

/** The public pages whose links get a card of their own, by their path on the web app. */
export const SHARED_PAGES = {
  servizi: 'service',
  enti: 'organisation',
  eventi: 'event',
  'punti-sociali': 'social-point',
} as const;

export type SharedPage = (typeof SHARED_PAGES)[keyof typeof SHARED_PAGES];

// As the web app cuts them once it runs (apps/web/src/app/directory/page-meta.ts).
const DESCRIPTION_LENGTH = 160;

/**
 * The title and description of a shared link to a service, organisation, event or Social Point page, read
 * before any script runs (search engines, chat apps' previews). Null for what the public cannot see.
 */
@Injectable()
export class ShareCardService {
  async card(ctx: RequestContext, page: SharedPage, slug: string): Promise<ShareCard | null> {
    const row = await this.read(ctx, page, slug);
    if (!row) return null;
    const site = await this.siteName(ctx);
    const path = Object.entries(SHARED_PAGES).find(([, p]) => p === page)![0];
    return {
      title: `${row.title} · ${site}`,
      description: shorten(row.description.trim() || row.fallback.trim()),
      path: `/${path}/${slug}`,
      type: page === 'service' || page === 'event' ? 'article' : 'website',
    };
  }

  /** The platform's name in this Ambito, the second half of every page title. */
  async siteName(ctx: RequestContext): Promise<string> {
    const settings = await ctx.em.findOne(AmbitoSettings, { where: { id: 1 } });
    return settings?.name ?? DEFAULT_SETTINGS.name;
  }

  private async read(
    ctx: RequestContext,
    page: SharedPage,
    slug: string,
  ): Promise<{ title: string; description: string; fallback: string } | undefined> {
    const queries: Record<SharedPage, string> = {
      service: `SELECT s.title, s.summary AS description, s.description AS fallback
                  FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
                 WHERE s.slug = $1 AND s.status = 'published' AND o.accreditation_status = 'accredited'`,
      organisation: `SELECT name AS title, description, history AS fallback FROM organisation
                      WHERE slug = $1 AND accreditation_status = 'accredited'`,
      event: `SELECT e.title, e.summary AS description, e.description AS fallback
                FROM event e JOIN organisation o ON o.id = e.organisation_id
               WHERE e.slug = $1 AND e.status IN ('published', 'cancelled')
                 AND o.accreditation_status = 'accredited'`,
      'social-point': `SELECT name AS title, description, address AS fallback FROM social_point WHERE slug = $1`,
    };
    const [row]: { title: string; description: string; fallback: string }[] = await ctx.em.query(
      queries[page],
      [slug],
    );
    return row;
  }
}

/** At most 160 characters, cut at a word, on one line. */
function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= DESCRIPTION_LENGTH) return flat;
  const cut = flat.slice(0, DESCRIPTION_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), DESCRIPTION_LENGTH / 2)).trimEnd()}…`;
}
