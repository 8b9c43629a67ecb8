import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { type HouseholdView, HouseholdService, type MemberView } from '@piazza/identity';
import { Roles } from '../auth/access.decorators';
import { AddMemberDto } from '../auth/auth.dto';
import { Ctx } from '../context/ctx.decorator';

@ApiTags('household')
@Controller('household')
@Roles('citizen')
export class HouseholdController {
  constructor(
    private readonly households: HouseholdService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: "The signed-in citizen's household and its members" })
  mine(@Ctx() ctx: RequestContext): Promise<HouseholdView> {
    return this.households.mine(ctx);
  }

  @Post('members')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a person to the household' })
  addMember(@Ctx() ctx: RequestContext, @Body() body: AddMemberDto): Promise<MemberView> {
    return this.tx.run(ctx, (c) => this.households.addMember(c, body));
  }
}
