import type { Provider } from '@nestjs/common';

/** The provider back-office (profile, logo, places, services, slots, events) and the admin's moderation and taxonomy. Registered by CatalogueModule. */
export const MANAGEMENT_PROVIDERS: Provider[] = [];
