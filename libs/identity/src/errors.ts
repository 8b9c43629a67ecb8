import { DomainError } from '@piazza/core';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 401, {
      it: 'E-mail o password non corretti.',
      en: 'Wrong e-mail or password.',
    });
  }
}

export class EmailNotVerifiedError extends DomainError {
  constructor() {
    super('EMAIL_NOT_VERIFIED', 403, {
      it: 'Conferma prima il tuo indirizzo e-mail: apri il link che ti abbiamo inviato al momento della registrazione.',
      en: 'Please confirm your e-mail address first: open the link we sent you when you registered.',
    });
  }
}

export class AccountLockedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super('ACCOUNT_LOCKED', 429, {
      it: `Troppi tentativi sbagliati: per sicurezza l'accesso a questo account è bloccato per ${minutes} minuti. Puoi anche chiedere una nuova password.`,
      en: `Too many wrong attempts: for safety, signing in to this account is blocked for ${minutes} minutes. You can also ask for a new password.`,
    });
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super('TOO_MANY_REQUESTS', 429, {
      it: `Troppe richieste da questa connessione: riprova tra ${minutes} minuti.`,
      en: `Too many requests from this connection: please try again in ${minutes} minutes.`,
    });
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super(
      'EMAIL_TAKEN',
      409,
      {
        it: 'Esiste già un account con questo indirizzo e-mail. Accedi, oppure chiedi una nuova password.',
        en: 'An account with this e-mail address already exists. Sign in, or ask for a new password.',
      },
      'email',
    );
  }
}

export class FiscalCodeTakenError extends DomainError {
  constructor() {
    super(
      'FISCAL_CODE_TAKEN',
      409,
      {
        it: 'Questo codice fiscale è già registrato. Se è il tuo, accedi o rivolgiti a un Social Point.',
        en: 'This fiscal code is already registered. If it is yours, sign in or ask at a Social Point.',
      },
      'fiscalCode',
    );
  }
}

export class TokenInvalidError extends DomainError {
  constructor() {
    super('TOKEN_INVALID', 410, {
      it: 'Il link non è più valido: è scaduto o è già stato usato. Chiedine uno nuovo.',
      en: 'The link is no longer valid: it has expired or was already used. Ask for a new one.',
    });
  }
}

export class HouseholdNotFoundError extends DomainError {
  constructor() {
    super('NOT_FOUND', 404, {
      it: 'Nessun nucleo familiare è collegato a questo account.',
      en: 'No household is linked to this account.',
    });
  }
}

export class AccountDisabledError extends DomainError {
  constructor() {
    super('ACCOUNT_DISABLED', 403, {
      it: 'Questo account è stato disattivato. Per riattivarlo rivolgiti a un Social Point.',
      en: 'This account has been disabled. To have it enabled again, ask at a Social Point.',
    });
  }
}

export class SpidDisabledError extends DomainError {
  constructor() {
    super('SPID_DISABLED', 404, {
      it: 'L’accesso con SPID o CIE non è attivo su questo portale: accedi con e-mail e password.',
      en: 'Signing in with SPID or CIE is not enabled on this site: sign in with e-mail and password.',
    });
  }
}

export class SpidUnavailableError extends DomainError {
  constructor() {
    super('SPID_UNAVAILABLE', 503, {
      it: 'Il servizio di accesso con SPID o CIE non risponde in questo momento. Riprova tra qualche minuto, oppure accedi con e-mail e password.',
      en: 'The SPID/CIE sign-in service is not answering right now. Try again in a few minutes, or sign in with e-mail and password.',
    });
  }
}

/** A SPID/CIE sign-in that cannot be completed; `reason` is for the log, never for the person. */
export class SpidLoginFailedError extends DomainError {
  constructor(readonly reason: string) {
    super('SPID_LOGIN_FAILED', 401, {
      it: 'L’accesso con SPID o CIE non è andato a buon fine. Riprova dall’inizio.',
      en: 'Signing in with SPID or CIE did not succeed. Please start again.',
    });
  }
}
