import { DomainError, type Translated, ValidationError } from '@piazza/core';

/** Services and events wait for the Ambito's accreditation of their organisation. */
export class OrganisationNotAccreditedError extends DomainError {
  constructor() {
    super('organisation_not_accredited', 409, {
      it: 'L’ente non è ancora accreditato dall’Ufficio di Piano: potrai pubblicare servizi ed eventi dopo l’accreditamento.',
      en: 'The organisation is not accredited by the Ambito office yet: you can publish services and events once it is.',
    });
  }
}

/** A change the current status does not allow (submitting what is already published, editing a cancelled event). */
export class StatusConflictError extends DomainError {
  constructor(code: string, text: Translated) {
    super(code, 409, text);
  }
}

/** A category, theme or target group that services still use, or a family root. */
export class TermInUseError extends DomainError {
  constructor(text: Translated) {
    super('TERM_IN_USE', 409, text);
  }
}

export class SlugTakenError extends DomainError {
  constructor() {
    super(
      'SLUG_TAKEN',
      409,
      { it: 'Questo slug è già usato: scegline un altro.', en: 'This slug is already used: choose another.' },
      'slug',
    );
  }
}

export class SlotCapacityBelowBookedError extends DomainError {
  constructor(booked: number) {
    super(
      'SLOT_CAPACITY_BELOW_BOOKED',
      409,
      {
        it: `Ci sono già ${booked} prenotazioni: la capienza non può scendere sotto questo numero.`,
        en: `There are already ${booked} bookings: the capacity cannot go below that.`,
      },
      'capacity',
    );
  }
}

/** One bad field, in both languages: the shape every check of this folder throws. */
export function invalid(field: string, it: string, en: string): ValidationError {
  return new ValidationError([{ field, message: { it, en } }]);
}
