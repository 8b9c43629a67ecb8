import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import { SERVICE_FAMILIES } from '../entities/category.entity';
import { CatalogueAnswerCache } from './catalogue-answer-cache';
import type { Taxonomy } from './search.types';
import { latLngSql, VISIBLE_SERVICE } from './service-search.sql';

const FAMILY_ORDER = `ARRAY[${SERVICE_FAMILIES.map((f) => `'${f}'`).join(', ')}]`;

/** What the catalogue's filters offer, with how many visible services each value has. */
@Injectable()
export class CatalogueTaxonomyService {
  constructor(private readonly cache: CatalogueAnswerCache) {}

  /** Families with their categories, themes, target groups and Comuni, in display order. */
  taxonomy(ctx: RequestContext): Promise<Taxonomy> {
    return this.cache.get('taxonomy', async () => {
      const [row]: (Taxonomy & { version: string })[] = await ctx.em.query(`
        WITH visible AS MATERIALIZED (
          SELECT s.category_id, s.theme_ids, s.target_group_ids FROM service_offer s WHERE ${VISIBLE_SERVICE}
        ), by_category AS (
          SELECT category_id AS id, count(*) AS n FROM visible GROUP BY 1
        ), by_theme AS (
          SELECT u AS id, sum(g.n) AS n
            FROM (SELECT theme_ids AS a, count(*) AS n FROM visible GROUP BY 1) g
           CROSS JOIN LATERAL unnest(g.a) AS u GROUP BY 1
        ), by_target AS (
          SELECT u AS id, sum(g.n) AS n
            FROM (SELECT target_group_ids AS a, count(*) AS n FROM visible GROUP BY 1) g
           CROSS JOIN LATERAL unnest(g.a) AS u GROUP BY 1
        )
        SELECT (SELECT version FROM catalogue_version)::text AS version,
               coalesce((SELECT json_agg(json_build_object(
                  'slug', f.family,
                  'name', json_build_object('it', f.name_it, 'en', f.name_en),
                  'description', json_build_object('it', f.description_it, 'en', f.description_en),
                  'serviceCount', (SELECT coalesce(sum(b.n), 0) FROM category k JOIN by_category b ON b.id = k.id
                                    WHERE k.family = f.family),
                  'categories', coalesce((
                    SELECT json_agg(json_build_object('slug', k.slug,
                             'name', json_build_object('it', k.name_it, 'en', k.name_en),
                             'serviceCount', coalesce(b.n, 0)) ORDER BY k.position, k.slug)
                      FROM category k LEFT JOIN by_category b ON b.id = k.id
                     WHERE k.family = f.family AND k.parent_id IS NOT NULL), '[]'))
                  ORDER BY array_position(${FAMILY_ORDER}, f.family))
                  FROM category f WHERE f.parent_id IS NULL), '[]') AS families,
               coalesce((SELECT json_agg(json_build_object('slug', t.slug,
                  'name', json_build_object('it', t.name_it, 'en', t.name_en),
                  'description', json_build_object('it', t.description_it, 'en', t.description_en),
                  'serviceCount', coalesce(b.n, 0)) ORDER BY t.position, t.slug)
                  FROM theme t LEFT JOIN by_theme b ON b.id = t.id), '[]') AS themes,
               coalesce((SELECT json_agg(json_build_object('slug', g.slug,
                  'name', json_build_object('it', g.name_it, 'en', g.name_en),
                  'serviceCount', coalesce(b.n, 0)) ORDER BY g.position, g.slug)
                  FROM target_group g LEFT JOIN by_target b ON b.id = g.id), '[]') AS "targetGroups",
               coalesce((SELECT json_agg(json_build_object('slug', cm.slug, 'name', cm.name,
                  'location', ${latLngSql('cm.location')}) ORDER BY cm.name)
                  FROM comune cm), '[]') AS comuni`);
      const { version, ...taxonomy } = row;
      return { version, value: taxonomy };
    });
  }
}
