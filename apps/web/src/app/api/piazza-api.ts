import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { catchError, map, type Observable, of, throwError } from 'rxjs';

import { ApiError } from './api-error';
import {
  type AmbitoSettingsDto,
  type AuthMethods,
  type Credentials,
  type Household,
  type Me,
  type Member,
  type NewMember,
  type Page,
  type Registration,
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

  /** Which ways of signing in the Ambito offers. */
  authMethods(): Observable<AuthMethods> {
    return this.get<AuthMethods>('/auth/methods');
  }

  /**
   * Where the browser goes to sign in with SPID or CIE: a full page navigation to the identity
   * provider, never an HTTP call from the app.
   */
  oidcStartUrl(): string {
    return this.baseUrl + '/auth/oidc/start';
  }

  /**
   * The person signed in, or null when nobody is. It asks /auth/session, which answers 200 either way:
   * a visitor is not an error (and a 401 would fill the browser console on every page).
   */
  me(): Observable<Me | null> {
    return this.get<{ me: Me | null }>('/auth/session').pipe(
      map((session) => session?.me ?? null),
      catchError((error: ApiError) => (error.status === 401 ? of(null) : throwError(() => error))),
    );
  }

  /** Creates a citizen's account; the server then e-mails a link to confirm the address. */
  register(registration: Registration): Observable<void> {
    return this.post<unknown>('/auth/register', registration).pipe(map(() => undefined));
  }

  /** Confirms an e-mail address with the token from the link the server sent. */
  verifyEmail(token: string): Observable<void> {
    return this.post<unknown>('/auth/verify-email', { token }).pipe(map(() => undefined));
  }

  /** Signs in with e-mail and password; the server sets the session cookie. */
  login(credentials: Credentials): Observable<Me> {
    return this.post<Me>('/auth/login', credentials);
  }

  /** Ends this browser's session. */
  logout(): Observable<void> {
    return this.post<unknown>('/auth/logout', {}).pipe(map(() => undefined));
  }

  /** Ends every session of the account, on every device. */
  logoutEverywhere(): Observable<void> {
    return this.post<unknown>('/auth/logout-all', {}).pipe(map(() => undefined));
  }

  /** Asks for a password-reset link; the answer is the same whether or not the address has an account. */
  requestPasswordReset(email: string): Observable<void> {
    return this.post<unknown>('/auth/password-reset', { email }).pipe(map(() => undefined));
  }

  /** Sets a new password with the token from the reset link. */
  confirmPasswordReset(token: string, password: string): Observable<void> {
    return this.post<unknown>('/auth/password-reset/confirm', { token, password }).pipe(map(() => undefined));
  }

  /** The signed-in citizen's household, or null when the account has none (404). */
  household(): Observable<Household | null> {
    return this.get<Household>('/household').pipe(
      catchError((error: ApiError) => (error.status === 404 ? of(null) : throwError(() => error))),
    );
  }

  /** Adds a member to the signed-in citizen's household. */
  addHouseholdMember(member: NewMember): Observable<Member> {
    return this.post<Member>('/household/members', member);
  }

  private get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }

  // Relative URLs only: HttpClient adds the X-XSRF-TOKEN header to same-origin writes, not to absolute ones.
  private post<T>(path: string, body: unknown): Observable<T> {
    return this.http
      .post<T>(this.baseUrl + path, body)
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
