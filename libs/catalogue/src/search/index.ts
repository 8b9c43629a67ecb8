import type { Provider } from '@nestjs/common';

/** Search, taxonomy and map points of the public catalogue. Registered by CatalogueModule. */
export const SEARCH_PROVIDERS: Provider[] = [];
