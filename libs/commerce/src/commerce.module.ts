import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '@piazza/ledger';
import { CartLine } from './entities/cart-line.entity';
import { Cart } from './entities/cart.entity';
import { Checkout } from './entities/checkout.entity';
import { CustomerOrder } from './entities/customer-order.entity';
import { OrderLine } from './entities/order-line.entity';
import { OrderVoucher } from './entities/order-voucher.entity';
import { STRIPE_EVENT_HANDLER } from './payments/stripe-event-handler';
import { StripeEventService } from './payments/stripe-event.service';
import { StripeGateway } from './payments/stripe-gateway.service';
import { StripeWebhookService } from './payments/stripe-webhook.service';
import { CartService } from './services/cart.service';
import { CheckoutService } from './services/checkout.service';
import { OrderEvents } from './services/order-events';
import { OrderService } from './services/order.service';

/** Every entity of this library, for the module and for scripts that open their own DataSource. */
export const COMMERCE_ENTITIES = [Cart, CartLine, Checkout, CustomerOrder, OrderLine, OrderVoucher];

const PROVIDERS = [
  CartService,
  CheckoutService,
  OrderService,
  OrderEvents,
  StripeGateway,
  StripeEventService,
  StripeWebhookService,
];

/** Cart, checkout with vouchers and cards, orders and bookings, Stripe. */
@Module({
  imports: [TypeOrmModule.forFeature(COMMERCE_ENTITIES), LedgerModule],
  providers: [...PROVIDERS, { provide: STRIPE_EVENT_HANDLER, useExisting: CheckoutService }],
  exports: PROVIDERS,
})
export class CommerceModule {}
