import { CARD_PAYMENT_OFF, DomainError, type Translated } from '@piazza/core';

/** Card payment (Stripe) is not configured in this deployment: only vouchers can pay. */
export class CardPaymentUnavailableError extends DomainError {
  constructor(text: Translated = CARD_PAYMENT_OFF) {
    super('CARD_PAYMENT_UNAVAILABLE', 409, text);
  }
}

/** Stripe could not be reached or refused the call: the payment or refund was not started. */
export class PaymentProviderUnavailableError extends DomainError {
  constructor() {
    super('PAYMENT_PROVIDER_UNAVAILABLE', 503, {
      it: "Il servizio di pagamento con carta non risponde in questo momento: l'operazione non è stata completata. Riprova tra qualche minuto.",
      en: 'The card payment service is not answering right now: the operation was not completed. Please try again in a few minutes.',
    });
  }
}

/** A webhook call whose Stripe-Signature does not match its body (or has none): ignored, nothing stored. */
export class StripeSignatureInvalidError extends DomainError {
  constructor() {
    super('STRIPE_SIGNATURE_INVALID', 400, {
      it: 'Firma Stripe assente o non valida: la notifica è stata ignorata.',
      en: 'Missing or invalid Stripe signature: the notification was ignored.',
    });
  }
}
