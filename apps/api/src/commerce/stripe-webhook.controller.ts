import { Controller, Headers, HttpCode, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import type { FastifyRequest } from 'fastify';
import { StripeGateway, StripeWebhookService, type WebhookReceipt } from '@piazza/commerce';
import { CsrfExempt, Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';

/**
 * Stripe's notifications about Checkout Sessions. Stripe's servers call it, not a browser: no session and
 * no XSRF token; the Stripe-Signature header over the exact bytes received is the only proof accepted.
 */
@ApiTags('payments')
@Controller('stripe')
export class StripeWebhookController {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly webhooks: StripeWebhookService,
    private readonly tx: TransactionRunner,
  ) {}

  @Post('webhook')
  @Public()
  @CsrfExempt()
  @HttpCode(200)
  @ApiHeader({ name: 'stripe-signature', required: true, description: "Stripe's signature of the body" })
  @ApiOperation({
    summary:
      'Stripe webhook: a signed event, stored once and acted on in the same transaction (400 STRIPE_SIGNATURE_INVALID when the signature does not match)',
  })
  @ApiOkResponse({ description: '`{ received: true, duplicate }`: a duplicate changed nothing' })
  receive(
    @Ctx() ctx: RequestContext,
    // rawBody: true in create-api.ts keeps the bytes the JSON parser read.
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookReceipt> {
    const event = this.gateway.verifyWebhook(request.rawBody, signature);
    return this.tx.run(ctx, (c) => this.webhooks.receive(c, event));
  }
}
