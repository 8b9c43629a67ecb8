/** Provider back-office and admin moderation and taxonomy. Italian, the reference: back-office.en.ts must have the same keys. */
export const backOfficeIt = {};
