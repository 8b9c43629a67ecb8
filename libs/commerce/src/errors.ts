import { DomainError, formatCents } from '@piazza/core';

export interface ChangedPrice {
  lineId: string;
  title: string;
  was: number;
  now: number;
}

/** A price changed since it was put in the cart: the cart now shows the new prices. */
export class PriceChangedError extends DomainError {
  constructor(readonly changes: ChangedPrice[]) {
    const list = (lang: 'it' | 'en') =>
      changes.map((c) => `${c.title}: ${formatCents(c.was, lang)} → ${formatCents(c.now, lang)}`).join('; ');
    super('PRICE_CHANGED', 409, {
      it: `Alcuni prezzi sono cambiati da quando hai messo i servizi nel carrello (${list('it')}). Il carrello ora mostra i prezzi nuovi: controllali e conferma di nuovo.`,
      en: `Some prices changed since you put the services in the cart (${list('en')}). The cart now shows the new prices: check them and confirm again.`,
    });
  }
}

export class SlotFullError extends DomainError {
  constructor(
    readonly title: string,
    readonly free: number,
  ) {
    super('SLOT_FULL', 409, {
      it:
        free > 0
          ? `Per "${title}" ${free === 1 ? 'resta solo 1 posto' : `restano solo ${free} posti`} in quella data: riduci la quantità o scegli un'altra data.`
          : `Per "${title}" non ci sono più posti in quella data: scegli un'altra data.`,
      en:
        free > 0
          ? `Only ${free === 1 ? '1 place is' : `${free} places are`} left for "${title}" on that date: lower the quantity or choose another date.`
          : `"${title}" has no places left on that date: choose another date.`,
    });
  }
}

export class ServiceUnavailableForSaleError extends DomainError {
  constructor(title: string) {
    super('SERVICE_UNAVAILABLE', 409, {
      it: `"${title}" non è più disponibile: toglilo dal carrello per continuare.`,
      en: `"${title}" is no longer available: remove it from the cart to go on.`,
    });
  }
}

export class CartEmptyError extends DomainError {
  constructor() {
    super('CART_EMPTY', 409, { it: 'Il carrello è vuoto.', en: 'The cart is empty.' });
  }
}

export class VoucherChoiceInvalidError extends DomainError {
  constructor() {
    super(
      'VOUCHER_CHOICE_INVALID',
      422,
      {
        it: 'Uno dei buoni scelti non può pagare questi servizi per l’importo indicato (saldo, scadenza o tipo di servizio): controlla gli importi.',
        en: 'One of the chosen vouchers cannot pay these services for the amount given (balance, expiry or kind of service): check the amounts.',
      },
      'vouchers',
    );
  }
}

export class OrderTransitionError extends DomainError {
  constructor(it: string, en: string) {
    super('ORDER_STATE', 409, { it, en });
  }
}

export class NotAHouseholdError extends DomainError {
  constructor() {
    super('NO_HOUSEHOLD', 409, {
      it: 'Per acquistare servizi serve un nucleo familiare: completa il tuo profilo.',
      en: 'To buy services you need a household: complete your profile.',
    });
  }
}
