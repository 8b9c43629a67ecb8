import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AdminCategory,
  type AdminSocialPointSlot,
  type AdminTaxonomy,
  type AdminTerm,
  type ModeratedService,
  type ModerationItem,
  ModerationService,
  SocialPointSlotAdminService,
  TaxonomyAdminService,
} from '@piazza/catalogue';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { AuditService } from '@piazza/identity';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import {
  CategoryDto,
  ModerationDecisionDto,
  SocialPointSlotsDto,
  SocialPointSlotsQuery,
  TargetGroupDto,
  ThemeDto,
} from './admin-catalogue.dto';

/**
 * The Ambito office's side of the catalogue: the review of first publications, the vocabularies, the
 * Social Points' appointment slots. Every decision is written to the audit log in its own transaction
 * (the audit log belongs to libs/identity, which libs/catalogue may not call).
 */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminCatalogueController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly taxonomy: TaxonomyAdminService,
    private readonly socialPoints: SocialPointSlotAdminService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('moderation/services')
  @ApiOperation({ summary: 'Services waiting for review, the longest-waiting first' })
  moderationQueue(@Ctx() ctx: RequestContext): Promise<ModerationItem[]> {
    return this.moderation.queue(ctx);
  }

  @Get('moderation/services/:id')
  @ApiOperation({ summary: 'A service in full, with its organisation, for review' })
  moderatedService(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
  ): Promise<ModeratedService> {
    return this.moderation.get(ctx, id);
  }

  @Post('moderation/services/:id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approves (publishes) or refuses (back to draft, with a note) a service; the organisation is e-mailed',
  })
  decide(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: ModerationDecisionDto,
  ): Promise<ModeratedService> {
    return this.tx.run(ctx, async (c) => {
      const service = await this.moderation.decide(c, id, body);
      await this.audit.record(c, 'service_moderated', {
        subjectType: 'service_offer',
        subjectId: id,
        details: {
          decision: body.approve ? 'approved' : 'refused',
          note: body.note?.trim() || null,
          organisationId: service.organisation.id,
        },
      });
      return service;
    });
  }

  @Get('taxonomy')
  @ApiOperation({
    summary: 'Categories, themes and target groups, each with the number of services using it',
  })
  adminTaxonomy(@Ctx() ctx: RequestContext): Promise<AdminTaxonomy> {
    return this.taxonomy.taxonomy(ctx);
  }

  @Post('categories')
  @HttpCode(201)
  @ApiOperation({ summary: 'Adds a subcategory under a family' })
  createCategory(@Ctx() ctx: RequestContext, @Body() body: CategoryDto): Promise<AdminCategory> {
    return this.audited(ctx, 'category', 'created', (c) => this.taxonomy.createCategory(c, body));
  }

  @Put('categories/:id')
  @ApiOperation({ summary: 'Changes a category (a family keeps its slug and stays a root)' })
  updateCategory(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: CategoryDto,
  ): Promise<AdminCategory> {
    return this.audited(ctx, 'category', 'updated', (c) => this.taxonomy.updateCategory(c, id, body));
  }

  @Delete('categories/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a subcategory no service uses (409 otherwise)' })
  async deleteCategory(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<void> {
    await this.audited(ctx, 'category', 'deleted', (c) =>
      this.taxonomy.deleteCategory(c, id).then(() => ({ id })),
    );
  }

  @Post('themes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Adds a theme' })
  createTheme(@Ctx() ctx: RequestContext, @Body() body: ThemeDto): Promise<AdminTerm> {
    return this.audited(ctx, 'theme', 'created', (c) => this.taxonomy.createTheme(c, body));
  }

  @Put('themes/:id')
  @ApiOperation({ summary: 'Changes a theme' })
  updateTheme(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: ThemeDto,
  ): Promise<AdminTerm> {
    return this.audited(ctx, 'theme', 'updated', (c) => this.taxonomy.updateTheme(c, id, body));
  }

  @Delete('themes/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a theme no service uses (409 otherwise)' })
  async deleteTheme(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<void> {
    await this.audited(ctx, 'theme', 'deleted', (c) => this.taxonomy.deleteTheme(c, id).then(() => ({ id })));
  }

  @Post('target-groups')
  @HttpCode(201)
  @ApiOperation({ summary: 'Adds a target group' })
  createTargetGroup(@Ctx() ctx: RequestContext, @Body() body: TargetGroupDto): Promise<AdminTerm> {
    return this.audited(ctx, 'target_group', 'created', (c) => this.taxonomy.createTargetGroup(c, body));
  }

  @Put('target-groups/:id')
  @ApiOperation({ summary: 'Changes a target group' })
  updateTargetGroup(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: TargetGroupDto,
  ): Promise<AdminTerm> {
    return this.audited(ctx, 'target_group', 'updated', (c) => this.taxonomy.updateTargetGroup(c, id, body));
  }

  @Delete('target-groups/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a target group no service uses (409 otherwise)' })
  async deleteTargetGroup(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<void> {
    await this.audited(ctx, 'target_group', 'deleted', (c) =>
      this.taxonomy.deleteTargetGroup(c, id).then(() => ({ id })),
    );
  }

  @Get('social-points/:slug/slots')
  @ApiOperation({ summary: "A Social Point's appointment slots over a range of days (default: the next 62)" })
  socialPointSlots(
    @Ctx() ctx: RequestContext,
    @Param('slug') slug: string,
    @Query() query: SocialPointSlotsQuery,
  ): Promise<AdminSocialPointSlot[]> {
    return this.socialPoints.list(ctx, slug, query);
  }

  @Post('social-points/:slug/slots')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Opens appointment slots: each opening day of the range, at the given times (existing ones are kept)',
  })
  generateSocialPointSlots(
    @Ctx() ctx: RequestContext,
    @Param('slug') slug: string,
    @Body() body: SocialPointSlotsDto,
  ): Promise<{ created: number }> {
    return this.tx.run(ctx, async (c) => {
      const result = await this.socialPoints.generate(c, slug, body);
      await this.audit.record(c, 'social_point_slots_generated', {
        subjectType: 'social_point',
        subjectId: slug,
        details: { ...body, created: result.created },
      });
      return result;
    });
  }

  /** A change of the vocabularies and its line in the audit log, in one transaction. */
  private audited<T extends { id: string }>(
    ctx: RequestContext,
    term: 'category' | 'theme' | 'target_group',
    change: 'created' | 'updated' | 'deleted',
    work: (c: RequestContext) => Promise<T>,
  ): Promise<T> {
    return this.tx.run(ctx, async (c) => {
      const result = await work(c);
      await this.audit.record(c, 'taxonomy_changed', {
        subjectType: term,
        subjectId: result.id,
        details: { change, ...('slug' in result && { slug: result.slug }) },
      });
      return result;
    });
  }
}
