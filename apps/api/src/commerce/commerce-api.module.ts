import { Module } from '@nestjs/common';
import { CommerceModule } from '@piazza/commerce';
import { CartController } from './cart.controller';
import { ProviderOrdersController } from './provider-orders.controller';
import { StripeWebhookController } from './stripe-webhook.controller';

/** Cart, checkout and orders (families and providers), and Stripe's webhook. */
@Module({
  imports: [CommerceModule],
  controllers: [CartController, ProviderOrdersController, StripeWebhookController],
})
export class CommerceApiModule {}
