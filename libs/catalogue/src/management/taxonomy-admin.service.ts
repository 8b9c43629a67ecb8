import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext, type Translated } from '@piazza/core';
import { SERVICE_FAMILIES, type ServiceFamily } from '../entities/category.entity';
import { requireRole } from './management-access';
import { invalid, SlugTakenError, TermInUseError } from './management.errors';
import type {
  AdminCategory,
  AdminTaxonomy,
  AdminTerm,
  CategoryInput,
  TargetGroupInput,
  ThemeInput,
} from './management.types';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The two flat vocabularies beside the category tree, with the join table that uses each. */
const TERMS = {
  theme: {
    table: 'theme',
    link: 'service_offer_theme',
    column: 'theme_id',
    what: { it: 'Il tema', en: 'The theme' },
  },
  target_group: {
    table: 'target_group',
    link: 'service_offer_target_group',
    column: 'target_group_id',
    what: { it: 'Il gruppo di destinatari', en: 'The target group' },
  },
} as const;
type TermKind = keyof typeof TERMS;

interface CategoryRow {
  id: string;
  family: ServiceFamily;
  parent_id: string | null;
  parent_slug: string | null;
  slug: string;
  name_it: string;
  name_en: string;
  description_it: string;
  description_en: string;
  position: number;
  service_count: string;
}

/**
 * The Ambito office's vocabularies: the category tree (the five families are fixed roots, subcategories
 * hang under them), the themes and the target groups. Nothing still used by a service can be deleted.
 */
@Injectable()
export class TaxonomyAdminService {
  /** Every term with the number of services (in any status) that use it. */
  async taxonomy(ctx: RequestContext): Promise<AdminTaxonomy> {
    requireRole(ctx, 'admin');
    const categories: CategoryRow[] = await ctx.em.query(
      `SELECT c.id, c.family, c.parent_id, p.slug AS parent_slug, c.slug, c.name_it, c.name_en, c.description_it,
              c.description_en, c.position,
              (SELECT count(*) FROM service_offer s
                WHERE s.category_id = c.id
                   OR (c.parent_id IS NULL AND s.category_id IN (SELECT id FROM category WHERE parent_id = c.id)))
                AS service_count
         FROM category c LEFT JOIN category p ON p.id = c.parent_id
        ORDER BY c.family, c.parent_id NULLS FIRST, c.position, c.slug`,
    );
    categories.sort((a, b) => SERVICE_FAMILIES.indexOf(a.family) - SERVICE_FAMILIES.indexOf(b.family));
    return {
      categories: categories.map(toCategory),
      themes: await this.terms(ctx, 'theme'),
      targetGroups: await this.terms(ctx, 'target_group'),
    };
  }

  /** A subcategory under one of the family roots. */
  async createCategory(ctx: RequestContext, input: CategoryInput): Promise<AdminCategory> {
    requireRole(ctx, 'admin');
    checkSlug(input.slug);
    const parentId = await this.familyRoot(ctx, input);
    await this.slugFree(ctx, 'category', input.slug, null);
    const [{ id }]: { id: string }[] = await ctx.em.query(
      `INSERT INTO category (slug, family, parent_id, name_it, name_en, description_it, description_en, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [input.slug, input.family, parentId, ...categoryTexts(input)],
    );
    return this.category(ctx, id);
  }

  /**
   * Renames, describes, reorders or moves a subcategory (its services follow it); a family root keeps its
   * family and slug, and only its texts and position change.
   */
  async updateCategory(ctx: RequestContext, id: string, input: CategoryInput): Promise<AdminCategory> {
    requireRole(ctx, 'admin');
    const [current]: { id: string; slug: string; family: ServiceFamily; parent_id: string | null }[] =
      await ctx.em.query(`SELECT id, slug, family, parent_id FROM category WHERE id = $1`, [id]);
    if (!current) throw new NotFoundError({ it: 'La categoria', en: 'The category' });
    checkSlug(input.slug);
    let parentId: string | null = null;
    if (current.parent_id === null) {
      if (input.parentSlug !== null || input.family !== current.family || input.slug !== current.slug) {
        throw invalid(
          'parentSlug',
          'le famiglie sono fisse: di una famiglia si cambiano solo nomi, descrizioni e posizione',
          'families are fixed: only the names, descriptions and position of a family change',
        );
      }
    } else {
      parentId = await this.familyRoot(ctx, input);
    }
    await this.slugFree(ctx, 'category', input.slug, id);
    await ctx.em.query(
      `UPDATE category
          SET slug = $2, family = $3, parent_id = $4, name_it = $5, name_en = $6, description_it = $7,
              description_en = $8, position = $9, updated_at = now()
        WHERE id = $1`,
      [id, input.slug, input.family, parentId, ...categoryTexts(input)],
    );
    // The search text of the services carries their category's names (and its family's).
    await ctx.em.query(
      `UPDATE service_offer SET search_text = ''
        WHERE category_id = $1 OR category_id IN (SELECT id FROM category WHERE parent_id = $1)`,
      [id],
    );
    return this.category(ctx, id);
  }

  async deleteCategory(ctx: RequestContext, id: string): Promise<void> {
    requireRole(ctx, 'admin');
    const [row]: { parent_id: string | null; services: string }[] = await ctx.em.query(
      `SELECT parent_id, (SELECT count(*) FROM service_offer s WHERE s.category_id = c.id) AS services
         FROM category c WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError({ it: 'La categoria', en: 'The category' });
    if (row.parent_id === null) {
      throw new TermInUseError({
        it: 'Le cinque famiglie del catalogo sono fisse e non si eliminano.',
        en: 'The five families of the catalogue are fixed and cannot be deleted.',
      });
    }
    if (Number(row.services) > 0)
      throw inUse({ it: 'La categoria', en: 'The category' }, Number(row.services));
    await ctx.em.query(`DELETE FROM category WHERE id = $1`, [id]);
  }

  createTheme(ctx: RequestContext, input: ThemeInput): Promise<AdminTerm> {
    return this.createTerm(ctx, 'theme', input);
  }

  updateTheme(ctx: RequestContext, id: string, input: ThemeInput): Promise<AdminTerm> {
    return this.updateTerm(ctx, 'theme', id, input);
  }

  deleteTheme(ctx: RequestContext, id: string): Promise<void> {
    return this.deleteTerm(ctx, 'theme', id);
  }

  createTargetGroup(ctx: RequestContext, input: TargetGroupInput): Promise<AdminTerm> {
    return this.createTerm(ctx, 'target_group', input);
  }

  updateTargetGroup(ctx: RequestContext, id: string, input: TargetGroupInput): Promise<AdminTerm> {
    return this.updateTerm(ctx, 'target_group', id, input);
  }

  deleteTargetGroup(ctx: RequestContext, id: string): Promise<void> {
    return this.deleteTerm(ctx, 'target_group', id);
  }

  private async createTerm(
    ctx: RequestContext,
    kind: TermKind,
    input: ThemeInput | TargetGroupInput,
  ): Promise<AdminTerm> {
    requireRole(ctx, 'admin');
    checkSlug(input.slug);
    await this.slugFree(ctx, kind, input.slug, null);
    const { columns, values } = termColumns(kind, input);
    const [{ id }]: { id: string }[] = await ctx.em.query(
      `INSERT INTO ${TERMS[kind].table} (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values,
    );
    return (await this.terms(ctx, kind, id))[0];
  }

  private async updateTerm(
    ctx: RequestContext,
    kind: TermKind,
    id: string,
    input: ThemeInput | TargetGroupInput,
  ): Promise<AdminTerm> {
    requireRole(ctx, 'admin');
    const [exists]: { id: string }[] = await ctx.em.query(
      `SELECT id FROM ${TERMS[kind].table} WHERE id = $1`,
      [id],
    );
    if (!exists) throw new NotFoundError(TERMS[kind].what);
    checkSlug(input.slug);
    await this.slugFree(ctx, kind, input.slug, id);
    const { columns, values } = termColumns(kind, input);
    await ctx.em.query(
      `UPDATE ${TERMS[kind].table}
          SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now()
        WHERE id = $1`,
      [id, ...values],
    );
    return (await this.terms(ctx, kind, id))[0];
  }

  private async deleteTerm(ctx: RequestContext, kind: TermKind, id: string): Promise<void> {
    requireRole(ctx, 'admin');
    const { table, link, column, what } = TERMS[kind];
    const [row]: { services: string }[] = await ctx.em.query(
      `SELECT (SELECT count(*) FROM ${link} WHERE ${column} = t.id) AS services FROM ${table} t WHERE t.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError(what);
    if (Number(row.services) > 0) throw inUse(what, Number(row.services));
    await ctx.em.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
  }

  private async terms(ctx: RequestContext, kind: TermKind, id?: string): Promise<AdminTerm[]> {
    const { table, link, column } = TERMS[kind];
    const rows: {
      id: string;
      slug: string;
      name_it: string;
      name_en: string;
      description_it?: string;
      description_en?: string;
      position: number;
      service_count: string;
    }[] = await ctx.em.query(
      `SELECT t.*, (SELECT count(*) FROM ${link} x WHERE x.${column} = t.id) AS service_count
         FROM ${table} t
        WHERE $1::uuid IS NULL OR t.id = $1
        ORDER BY t.position, t.slug`,
      [id ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      nameIt: r.name_it,
      nameEn: r.name_en,
      ...(kind === 'theme' && {
        descriptionIt: r.description_it ?? '',
        descriptionEn: r.description_en ?? '',
      }),
      position: r.position,
      serviceCount: Number(r.service_count),
    }));
  }

  private async category(ctx: RequestContext, id: string): Promise<AdminCategory> {
    const { categories } = await this.taxonomy(ctx);
    return categories.find((c) => c.id === id)!;
  }

  /** The id of the family root a subcategory hangs under; it must be the root of the same family. */
  private async familyRoot(ctx: RequestContext, input: CategoryInput): Promise<string> {
    if (!SERVICE_FAMILIES.includes(input.family)) {
      throw invalid(
        'family',
        `deve essere una tra: ${SERVICE_FAMILIES.join(', ')}`,
        `must be one of: ${SERVICE_FAMILIES.join(', ')}`,
      );
    }
    if (!input.parentSlug) {
      throw invalid(
        'parentSlug',
        'le famiglie sono fisse: una nuova categoria va sotto una famiglia',
        'families are fixed: a new category goes under a family',
      );
    }
    const [parent]: { id: string; family: string; parent_id: string | null }[] = await ctx.em.query(
      `SELECT id, family, parent_id FROM category WHERE slug = $1`,
      [input.parentSlug],
    );
    if (!parent || parent.parent_id !== null || parent.family !== input.family) {
      throw invalid(
        'parentSlug',
        `deve essere la famiglia "${input.family}" (le sottocategorie non si annidano)`,
        `must be the family "${input.family}" (subcategories do not nest)`,
      );
    }
    return parent.id;
  }

  /** `table` is one of this file's constants. */
  private async slugFree(
    ctx: RequestContext,
    table: 'category' | TermKind,
    slug: string,
    exceptId: string | null,
  ): Promise<void> {
    const [taken]: { id: string }[] = await ctx.em.query(
      `SELECT id FROM ${table} WHERE slug = $1 AND ($2::uuid IS NULL OR id <> $2)`,
      [slug, exceptId],
    );
    if (taken) throw new SlugTakenError();
  }
}

function checkSlug(slug: string): void {
  if (!SLUG.test(slug) || slug.length > 60) {
    throw invalid(
      'slug',
      'solo lettere minuscole senza accenti, cifre e trattini singoli (es. "centri-estivi"), al massimo 60',
      'only lower-case letters without accents, digits and single hyphens (e.g. "summer-camps"), at most 60',
    );
  }
}

function categoryTexts(input: CategoryInput): unknown[] {
  return [
    input.nameIt.trim(),
    input.nameEn.trim(),
    input.descriptionIt.trim(),
    input.descriptionEn.trim(),
    input.position,
  ];
}

function termColumns(
  kind: TermKind,
  input: ThemeInput | TargetGroupInput,
): { columns: string[]; values: unknown[] } {
  const columns = ['slug', 'name_it', 'name_en', 'position'];
  const values: unknown[] = [input.slug, input.nameIt.trim(), input.nameEn.trim(), input.position];
  if (kind === 'theme') {
    const theme = input as ThemeInput;
    columns.push('description_it', 'description_en');
    values.push(theme.descriptionIt.trim(), theme.descriptionEn.trim());
  }
  return { columns, values };
}

function inUse(what: Translated, services: number): TermInUseError {
  return new TermInUseError({
    it: `${what.it} è in uso in ${services} ${services === 1 ? 'servizio' : 'servizi'}: prima spostali su un’altra voce.`,
    en: `${what.en} is used by ${services} ${services === 1 ? 'service' : 'services'}: move them to another term first.`,
  });
}

function toCategory(r: CategoryRow): AdminCategory {
  return {
    id: r.id,
    family: r.family,
    parentSlug: r.parent_slug,
    slug: r.slug,
    nameIt: r.name_it,
    nameEn: r.name_en,
    descriptionIt: r.description_it,
    descriptionEn: r.description_en,
    position: r.position,
    serviceCount: Number(r.service_count),
  };
}
