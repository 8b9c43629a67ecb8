import type { Provider } from '@nestjs/common';

/** Public pages of organisations, events, iCalendar feeds and Social Points. Registered by CatalogueModule. */
export const DIRECTORY_PROVIDERS: Provider[] = [];
