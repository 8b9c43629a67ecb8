import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import {
  type EventDetail,
  type EventCard,
  type EventQuery,
  type OrganisationCard,
  type OrganisationPage,
  type OrganisationQuery,
  type SearchResult,
  type ServiceDetail,
  type ServiceMap,
  type ServiceSearchQuery,
  type SocialPointCard,
  type SocialPointDetail,
  type Taxonomy,
} from './directory-models';
import { type Page } from './models';
import { API_BASE_URL } from './piazza-api';

/**
 * The public directory: search, services, organisations, events, Social Points (docs/directory-api.md).
 * Every method fails with an {@link ApiError}.
 */
@Injectable({ providedIn: 'root' })
export class DirectoryApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** Families with their categories, themes, target groups and Comuni, with how many services each has. */
  taxonomy(): Observable<Taxonomy> {
    return this.get<Taxonomy>('/catalogue/taxonomy');
  }

  /** One page of published services, with the facet counts of the other filters. */
  searchServices(query: ServiceSearchQuery): Observable<SearchResult> {
    return this.get<SearchResult>('/catalogue/services', searchParams(query));
  }

  /** Every service of a search that has a place on the map (paging is ignored). */
  serviceMap(query: ServiceSearchQuery): Observable<ServiceMap> {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    return this.get<ServiceMap>('/catalogue/services/map', searchParams(filters));
  }

  /** A published service; 404 otherwise. */
  service(slug: string): Observable<ServiceDetail> {
    return this.get<ServiceDetail>(`/catalogue/services/${encodeURIComponent(slug)}`);
  }

  /** Accredited organisations, shops only when asked for. */
  organisations(query: OrganisationQuery): Observable<Page<OrganisationCard>> {
    let params = new HttpParams();
    if (query.q) params = params.set('q', query.q);
    if (query.kind) params = params.set('kind', query.kind);
    if (query.comune) params = params.set('comune', query.comune);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.get<Page<OrganisationCard>>('/catalogue/organisations', params);
  }

  /** An accredited organisation's public page; 404 otherwise. */
  organisation(slug: string): Observable<OrganisationPage> {
    return this.get<OrganisationPage>(`/catalogue/organisations/${encodeURIComponent(slug)}`);
  }

  /** Published events between two days, by start. */
  events(query: EventQuery): Observable<Page<EventCard>> {
    let params = new HttpParams();
    if (query.from) params = params.set('from', query.from);
    if (query.to) params = params.set('to', query.to);
    if (query.comune) params = params.set('comune', query.comune);
    if (query.organisation) params = params.set('organisation', query.organisation);
    if (query.q) params = params.set('q', query.q);
    if (query.free) params = params.set('free', 'true');
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.get<Page<EventCard>>('/events', params);
  }

  /** A published or cancelled event; 404 for drafts. */
  event(slug: string): Observable<EventDetail> {
    return this.get<EventDetail>(`/events/${encodeURIComponent(slug)}`);
  }

  /** The iCalendar feed of every event of the Ambito, for a calendar app to subscribe to. */
  eventsFeedUrl(): string {
    return `${this.baseUrl}/events.ics`;
  }

  socialPoints(): Observable<SocialPointCard[]> {
    return this.get<SocialPointCard[]>('/catalogue/social-points');
  }

  socialPoint(slug: string): Observable<SocialPointDetail> {
    return this.get<SocialPointDetail>(`/catalogue/social-points/${encodeURIComponent(slug)}`);
  }

  private get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}

/** The search filters as query parameters: lists comma-separated, flags only when set. */
function searchParams(query: ServiceSearchQuery): HttpParams {
  let params = new HttpParams();
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params = params.set(name, value);
  };
  const list = (name: string, values: string[] | undefined) => {
    if (values?.length) params = params.set(name, values.join(','));
  };
  set('q', query.q);
  set('family', query.family);
  list('category', query.category);
  list('theme', query.theme);
  list('target', query.target);
  list('comune', query.comune);
  if (query.voucher) set('voucher', 'true');
  if (query.free) set('free', 'true');
  set('priceMin', query.priceMin);
  set('priceMax', query.priceMax);
  if (query.openNow) set('openNow', 'true');
  if (query.near) set('near', `${query.near.lat},${query.near.lng}`);
  set('nearComune', query.nearComune);
  set('radiusKm', query.radiusKm);
  set('sort', query.sort);
  set('page', query.page);
  set('pageSize', query.pageSize);
  return params;
}
