import type { Role } from '@piazza/core';
import type { Relationship } from '@piazza/identity';

export interface DemoAccount {
  role: Role;
  label: { it: string; en: string };
  email: string;
  displayName: string;
  /** For a provider or merchant: the organisation they own (slug of a seeded organisation of that kind). */
  organisationKind?: 'cooperative' | 'shop';
  /** For a social worker: the Comuni they act for. */
  comuni?: string[];
  /** For a citizen: the household (the first member is the account holder). */
  household?: {
    comune: string;
    address: string;
    members: {
      firstName: string;
      lastName: string;
      fiscalCode15: string;
      dateOfBirth: string;
      relation: Relationship;
    }[];
  };
}

/** The one password of every demo account: demo data only, printed by `npm start` and in the README. */
export const DEMO_PASSWORD = 'Piazza-demo-2026';

/** One demo user per role. No real persons. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'citizen',
    label: { it: 'Cittadino (famiglia)', en: 'Citizen (family)' },
    email: 'famiglia@demo.piazza.example',
    displayName: 'Giulia Demo',
    household: {
      comune: 'tradate',
      address: 'Via Roma 1, 21049 Tradate VA',
      // Fictitious people; the seed adds each fiscal code's check character.
      members: [
        {
          firstName: 'Giulia',
          lastName: 'Demo',
          fiscalCode15: 'DMEGLI85M41L319',
          dateOfBirth: '1985-08-01',
          relation: 'self',
        },
        {
          firstName: 'Luca',
          lastName: 'Demo',
          fiscalCode15: 'DMELCU15D10L319',
          dateOfBirth: '2015-04-10',
          relation: 'child',
        },
        {
          firstName: 'Sofia',
          lastName: 'Demo',
          fiscalCode15: 'DMESFO18H52L319',
          dateOfBirth: '2018-06-12',
          relation: 'child',
        },
      ],
    },
  },
  {
    role: 'provider',
    label: { it: 'Ente / cooperativa', en: 'Provider (cooperative)' },
    email: 'cooperativa@demo.piazza.example',
    displayName: 'Operatore Cooperativa Demo',
    organisationKind: 'cooperative',
  },
  {
    role: 'merchant',
    label: { it: 'Negozio convenzionato', en: 'Merchant (shop)' },
    email: 'negozio@demo.piazza.example',
    displayName: 'Esercente Demo',
    organisationKind: 'shop',
  },
  {
    role: 'social_worker',
    label: { it: 'Assistente sociale', en: 'Social worker' },
    email: 'assistente.sociale@demo.piazza.example',
    displayName: 'Assistente Sociale Demo',
    comuni: ['tradate', 'venegono-superiore'],
  },
  {
    role: 'admin',
    label: { it: 'Ufficio di Piano (amministratore)', en: 'Ambito office (admin)' },
    email: 'ufficio.piano@demo.piazza.example',
    displayName: 'Ufficio di Piano Demo',
  },
];
