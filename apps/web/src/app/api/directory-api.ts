import { HttpClient, type HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import { API_BASE_URL } from './piazza-api';

/**
 * The public directory: search, services, organisations, events, Social Points (docs/directory-api.md).
 * Every method fails with an {@link ApiError}.
 */
@Injectable({ providedIn: 'root' })
export class DirectoryApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  protected get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
