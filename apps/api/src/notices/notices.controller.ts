import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@piazza/core';
import { NoticeService } from '@piazza/notifications';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';

/** The in-app inbox of whoever is signed in. */
@ApiTags('notices')
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticeService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Your latest notices and how many are unread' })
  list(@Ctx() ctx: RequestContext) {
    return this.notices.list(ctx);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark every notice as read' })
  readAll(@Ctx() ctx: RequestContext): Promise<void> {
    return this.notices.markAllRead(ctx);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notice as read' })
  read(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<void> {
    return this.notices.markRead(ctx, id);
  }
}
