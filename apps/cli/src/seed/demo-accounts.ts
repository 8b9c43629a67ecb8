import type { Role } from '@piazza/core';

export interface DemoAccount {
  role: Role;
  label: { it: string; en: string };
  email: string;
  displayName: string;
  /** For a provider or merchant: the organisation they own (slug of a seeded organisation of that kind). */
  organisationKind?: 'cooperative' | 'shop';
  /** For a social worker: the Comuni they act for. */
  comuni?: string[];
}

/** The one password of every demo account: demo data only, printed by `npm start` and in the README. */
export const DEMO_PASSWORD = 'Piazza-demo-2026';

/** One demo user per role. No real persons. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'citizen',
    label: { it: 'Cittadino (famiglia)', en: 'Citizen (family)' },
    email: 'famiglia@demo.piazza.example',
    displayName: 'Famiglia Demo',
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
