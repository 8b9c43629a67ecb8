import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { type MemberOfOrganisation, OrganisationService, type OrganisationView } from '@piazza/identity';
import { Public, Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import {
  AcceptInvitationDto,
  AccreditationDecisionDto,
  AccreditationListQuery,
  InvitationDto,
  OrganisationSignUpDto,
} from './organisation.dto';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly tx: TransactionRunner,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign up a cooperative, association or shop and its owner; waits for accreditation',
  })
  async signUp(
    @Ctx() ctx: RequestContext,
    @Body() body: OrganisationSignUpDto,
  ): Promise<{ status: 'pending_accreditation' }> {
    await this.tx.run(ctx, (c) => this.organisations.signUp(c, body));
    return { status: 'pending_accreditation' };
  }

  @Get('mine')
  @ApiOperation({ summary: 'The organisations the signed-in person belongs to' })
  mine(@Ctx() ctx: RequestContext) {
    return this.organisations.mine(ctx);
  }

  @Get(':id/members')
  @ApiOperation({ summary: "An organisation's members (members only)" })
  members(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<MemberOfOrganisation[]> {
    return this.organisations.members(ctx, id);
  }

  @Post(':id/invitations')
  @HttpCode(202)
  @ApiOperation({ summary: 'Invite someone by e-mail (owners only)' })
  async invite(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string, @Body() body: InvitationDto) {
    await this.tx.run(ctx, (c) => this.organisations.invite(c, id, body.email, body.role));
    return { status: 'invited' as const };
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join an organisation with the token of an invitation' })
  async accept(@Ctx() ctx: RequestContext, @Body() body: AcceptInvitationDto) {
    const account = body.password ? { displayName: body.displayName ?? '', password: body.password } : null;
    await this.tx.run(ctx, (c) => this.organisations.acceptInvitation(c, body.token, account));
    return { status: 'joined' as const };
  }
}

@ApiTags('admin')
@Controller('admin/organisations')
@Roles('admin')
export class AdminOrganisationsController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Organisations by accreditation status (the accreditation queue)' })
  list(@Ctx() ctx: RequestContext, @Query() query: AccreditationListQuery): Promise<OrganisationView[]> {
    return this.organisations.listForAdmin(ctx, query.status);
  }

  @Post(':id/accreditation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accredit or refuse an organisation' })
  decide(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: AccreditationDecisionDto,
  ): Promise<OrganisationView> {
    return this.tx.run(ctx, (c) => this.organisations.decideAccreditation(c, id, body.decision, body.note));
  }
}
