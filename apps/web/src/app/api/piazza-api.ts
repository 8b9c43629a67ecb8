import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { catchError, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import {
  type AmbitoSettingsDto,
  type Page,
  type ServiceFamily,
  type ServiceQuery,
  type ServiceSummary,
} from './models';

/** Where the API lives; the server that serves this app also answers under /api. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', { factory: () => '/api' });

/**
 * The one place that knows the API's URLs and parameters. Every method fails with an {@link ApiError}.
 */
@Injectable({ providedIn: 'root' })
export class PiazzaApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** The Ambito's public settings: name, colours, contacts and Comuni. */
  settings(): Observable<AmbitoSettingsDto> {
    return this.get<AmbitoSettingsDto>('/settings');
  }

  /** The five service families with how many services each lists. */
  serviceFamilies(): Observable<ServiceFamily[]> {
    return this.get<ServiceFamily[]>('/catalogue/families');
  }

  /** One page of the public catalogue, filtered. */
  searchServices(query: ServiceQuery): Observable<Page<ServiceSummary>> {
    let params = new HttpParams();
    if (query.q) params = params.set('q', query.q);
    if (query.family) params = params.set('family', query.family);
    if (query.comune) params = params.set('comune', query.comune);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.get<Page<ServiceSummary>>('/catalogue/services', params);
  }

  private get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
