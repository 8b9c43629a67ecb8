import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type PublicSettings, type RequestContext, SettingsService } from '@piazza/core';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';

@ApiTags('settings')
@Public()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({
    summary: "The Ambito's name, logo, colours, contacts and Comuni, read by the web app at start",
  })
  @ApiOkResponse({ description: 'Public settings' })
  get(@Ctx() ctx: RequestContext): Promise<PublicSettings> {
    return this.settings.publicSettings(ctx);
  }
}
