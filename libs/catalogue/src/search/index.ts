import type { Provider } from '@nestjs/common';
import { CatalogueAnswerCache } from './catalogue-answer-cache';
import { CatalogueIndex } from './catalogue-index';
import { CatalogueTaxonomyService } from './catalogue-taxonomy.service';
import { CatalogueVersion } from './catalogue-version';
import { ServiceDetailService } from './service-detail.service';
import { SearchWordAnalyser } from './search-word-analyser';
import { ServiceSearchService } from './service-search.service';

export { CatalogueAnswerCache } from './catalogue-answer-cache';
export { CatalogueIndex, type IndexRefresh } from './catalogue-index';
export { CatalogueVersion, type VersionStamp } from './catalogue-version';
export { CatalogueTaxonomyService } from './catalogue-taxonomy.service';
export {
  DEFAULT_PAGE_SIZE,
  MAP_POINTS_LIMIT,
  MAX_PAGE_SIZE,
  MAX_RADIUS_KM,
  MAX_SEARCH_WORDS,
  SEARCH_SORTS,
  type SearchSort,
  type ServiceSearchCriteria,
  type ServiceSearchInput,
  searchWords,
  serviceSearchCriteria,
} from './search-criteria';
export type {
  ComuneRef,
  FacetValue,
  LatLng,
  MapPoint,
  MapPoints,
  OrganisationKind,
  PlaceDto,
  Ref,
  SearchFacets,
  SearchResult,
  ServiceCard,
  ServiceDetail,
  ServiceSlotView,
  Taxonomy,
} from './search.types';
export { DETAIL_SLOTS_LIMIT, ServiceDetailService } from './service-detail.service';
export { ServiceSearchService } from './service-search.service';
export { type SearchOrigin, type SqlQuery, serviceMapSql, serviceSearchSql } from './service-search.sql';

/** Search, taxonomy and map points of the public catalogue. Registered by CatalogueModule. */
export const SEARCH_PROVIDERS: Provider[] = [
  CatalogueVersion,
  CatalogueAnswerCache,
  CatalogueIndex,
  SearchWordAnalyser,
  ServiceSearchService,
  ServiceDetailService,
  CatalogueTaxonomyService,
];
