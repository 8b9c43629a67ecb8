import { DomainError } from '@piazza/core';

/** A debit larger than the account's balance: nothing moved. */
export class InsufficientBalanceError extends DomainError {
  constructor(
    readonly accountId: string,
    readonly available: number,
    readonly requested: number,
  ) {
    super('INSUFFICIENT_BALANCE', 409, {
      it: 'Il saldo disponibile non basta per questo movimento: non è stato spostato nulla.',
      en: 'The available balance is not enough for this movement: nothing was moved.',
    });
  }
}

/** The same idempotency key was used before for a different movement. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 422, {
      it: 'Questa chiave di idempotenza è già stata usata per un movimento diverso: usa una chiave nuova per una nuova operazione.',
      en: 'This idempotency key was already used for a different movement: use a new key for a new operation.',
    });
  }
}

/** A transfer can be reversed once. */
export class TransferAlreadyReversedError extends DomainError {
  constructor() {
    super('TRANSFER_ALREADY_REVERSED', 409, {
      it: 'Questo movimento è già stato stornato.',
      en: 'This movement has already been reversed.',
    });
  }
}
