import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type SocialPointCard, type SocialPointDetail, SocialPointDirectoryService } from '@piazza/catalogue';
import type { RequestContext } from '@piazza/core';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { SlugParam } from './slug-param.pipe';

@ApiTags('directory')
@Public()
@Controller('catalogue/social-points')
export class SocialPointsController {
  constructor(private readonly socialPoints: SocialPointDirectoryService) {}

  @Get()
  @ApiOperation({ summary: 'The Social Points, with their hours and first free appointment' })
  @ApiOkResponse({ description: 'Social Points by Comune and name' })
  list(@Ctx() ctx: RequestContext): Promise<SocialPointCard[]> {
    return this.socialPoints.list(ctx);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A Social Point with the free appointment times of the next 14 days' })
  @ApiOkResponse({ description: 'The Social Point' })
  @ApiNotFoundResponse({ description: 'No Social Point has this slug' })
  detail(@Ctx() ctx: RequestContext, @Param('slug', SlugParam) slug: string): Promise<SocialPointDetail> {
    return this.socialPoints.detail(ctx, slug);
  }
}
