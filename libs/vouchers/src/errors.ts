import { DomainError, formatCents } from '@piazza/core';

/** A code that is not one of ours: forged, altered or mistyped. Refused before any balance lookup. */
export class VoucherCodeInvalidError extends DomainError {
  constructor() {
    super(
      'VOUCHER_CODE_INVALID',
      400,
      {
        it: 'Codice del buono non valido: controlla di averlo inquadrato o digitato per intero, senza errori.',
        en: 'Invalid voucher code: check that you scanned or typed all of it, without mistakes.',
      },
      'code',
    );
  }
}

export class VoucherNotFoundError extends DomainError {
  constructor() {
    super('NOT_FOUND', 404, { it: 'Questo buono non esiste.', en: 'This voucher does not exist.' });
  }
}

export class FundExhaustedError extends DomainError {
  constructor(readonly available: number) {
    const euro = (available / 100).toFixed(2);
    super('FUND_EXHAUSTED', 409, {
      it: `Il fondo non ha abbastanza disponibilità per questa assegnazione (disponibili ${euro.replace('.', ',')} €).`,
      en: `The fund does not hold enough for this assignment (€${euro} available).`,
    });
  }
}

export class FundClosedError extends DomainError {
  constructor() {
    super('FUND_CLOSED', 409, {
      it: 'Questo fondo è chiuso: non si possono assegnare nuovi buoni.',
      en: 'This fund is closed: no new vouchers can be assigned from it.',
    });
  }
}

export class FundNameTakenError extends DomainError {
  constructor() {
    super(
      'FUND_NAME_TAKEN',
      409,
      {
        it: 'Esiste già un fondo con questo nome nello stesso Comune.',
        en: 'A fund with this name already exists in the same Comune.',
      },
      'name',
    );
  }
}

export class VoucherKindSlugTakenError extends DomainError {
  constructor() {
    super(
      'VOUCHER_KIND_SLUG_TAKEN',
      409,
      {
        it: 'Esiste già un tipo di buono con questo indirizzo.',
        en: 'A voucher kind with this slug already exists.',
      },
      'slug',
    );
  }
}

/** Why a voucher cannot be spent now: expired, not yet valid, revoked, exhausted, not at this shop. */
export class VoucherNotRedeemableError extends DomainError {
  static readonly reasons = {
    VOUCHER_EXPIRED: { it: 'Il buono è scaduto.', en: 'The voucher has expired.' },
    VOUCHER_NOT_YET_VALID: { it: 'Il buono non è ancora valido.', en: 'The voucher is not valid yet.' },
    VOUCHER_REVOKED: {
      it: 'Il buono è stato annullato dal Comune.',
      en: 'The voucher was revoked by the Comune.',
    },
    VOUCHER_EXHAUSTED: {
      it: 'Il buono è esaurito: saldo zero.',
      en: 'The voucher is used up: nothing is left.',
    },
    VOUCHER_NOT_VALID_HERE: {
      it: 'Questo buono non si può spendere in questo negozio.',
      en: 'This voucher cannot be spent at this shop.',
    },
  } as const;

  constructor(readonly reason: keyof typeof VoucherNotRedeemableError.reasons) {
    super(reason, 409, VoucherNotRedeemableError.reasons[reason]);
  }
}

export class ShopNotAccreditedError extends DomainError {
  constructor() {
    super('SHOP_NOT_ACCREDITED', 409, {
      it: "Il negozio non è ancora accreditato: potrà incassare buoni dopo l'approvazione dell'Ambito.",
      en: 'The shop is not accredited yet: it can take vouchers once the Ambito approves it.',
    });
  }
}

export class VoidWindowPassedError extends DomainError {
  constructor() {
    super('VOID_WINDOW_PASSED', 409, {
      it: "Un incasso si può annullare solo entro 15 minuti: per correggerlo ora contatta l'ufficio dell'Ambito.",
      en: 'A redemption can be voided only within 15 minutes: to correct it now, contact the Ambito office.',
    });
  }
}

export class RedemptionAlreadyVoidedError extends DomainError {
  constructor() {
    super('REDEMPTION_ALREADY_VOIDED', 409, {
      it: 'Questo incasso è già stato annullato.',
      en: 'This redemption has already been voided.',
    });
  }
}

/** VOUCHER_SIGNING_KEY / VOUCHER_SIGNING_KEY_ID are wrong: an operator's mistake, not a user's (a 500). */
export class VoucherSigningKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VoucherSigningKeyConfigError';
  }
}

/** A redemption above what is left on the voucher; says how much is left (no change is given in cash). */
export class VoucherBalanceTooLowError extends DomainError {
  constructor(readonly balance: number) {
    super(
      'INSUFFICIENT_BALANCE',
      409,
      {
        it: `Sul buono restano ${formatCents(balance, 'it')}: inserisci un importo non superiore (il resto non si dà in contanti).`,
        en: `${formatCents(balance, 'en')} is left on the voucher: enter an amount no higher than that (no change is given in cash).`,
      },
      'amount',
    );
  }
}

/** A payment to a shop above what the Comuni owe it. */
export class SettlementAboveOwedError extends DomainError {
  constructor(readonly owed: number) {
    super(
      'INSUFFICIENT_BALANCE',
      409,
      {
        it: `Al negozio sono dovuti ${formatCents(owed, 'it')}: non si può liquidare di più.`,
        en: `The shop is owed ${formatCents(owed, 'en')}: a larger payment cannot be recorded.`,
      },
      'amount',
    );
  }
}
