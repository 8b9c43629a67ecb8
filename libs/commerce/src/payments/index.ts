export * from './payment-errors';
export * from './stripe-event-handler';
export * from './stripe-event.service';
export * from './stripe-gateway.service';
export * from './stripe-webhook.service';
