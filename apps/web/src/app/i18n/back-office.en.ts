import { type backOfficeIt } from './back-office.it';

/** Provider back-office and admin moderation and taxonomy. English. */
export const backOfficeEn: typeof backOfficeIt = {};
