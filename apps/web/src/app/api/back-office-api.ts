import { HttpClient, type HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import { API_BASE_URL } from './piazza-api';

/**
 * The provider back-office and the administration of the catalogue (docs/directory-api.md).
 * Every method fails with an {@link ApiError}. Relative URLs only: HttpClient adds the X-XSRF-TOKEN
 * header to same-origin writes, not to absolute ones.
 */
@Injectable({ providedIn: 'root' })
export class BackOfficeApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  protected get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
