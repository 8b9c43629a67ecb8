import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { catchError, from, map, mergeMap, type Observable, of, throwError } from 'rxjs';

import { ApiError } from './api-error';
import {
  type AccreditationDecision,
  type AccreditationStatus,
  type AmbitoSettingsDto,
  type AssistedRegistrationRequest,
  type AssistedRegistrationResult,
  type AuthMethods,
  type Credentials,
  type FirstAccessRequest,
  type Household,
  type HouseholdSummary,
  type Invitation,
  type Me,
  type Member,
  type MemberOrganisation,
  type NewMember,
  type Organisation,
  type OrganisationMember,
  type OrganisationSignUp,
  type Registration,
  type ServiceFamily,
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

  /** Which ways of signing in the Ambito offers. */
  authMethods(): Observable<AuthMethods> {
    return this.get<AuthMethods>('/auth/methods');
  }

  /**
   * Where the browser goes to sign in with SPID or CIE: a full page navigation to the identity
   * provider, never an HTTP call from the app. The server brings the person back to `returnPath`.
   */
  oidcStartUrl(returnPath?: string): string {
    const url = this.baseUrl + '/auth/oidc/start';
    return returnPath ? `${url}?ritorno=${encodeURIComponent(returnPath)}` : url;
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

  /** Sends the confirmation link again; the answer is the same whether or not the address has an account. */
  resendVerification(email: string): Observable<void> {
    return this.post<unknown>('/auth/verify-email/resend', { email }).pipe(map(() => undefined));
  }

  /** Confirms an e-mail address with the token from the link the server sent. */
  verifyEmail(token: string): Observable<void> {
    return this.post<unknown>('/auth/verify-email', { token }).pipe(map(() => undefined));
  }

  /** Signs in with e-mail and password; the server sets the session cookie. */
  login(credentials: Credentials): Observable<Me> {
    return this.post<Me>('/auth/login', credentials);
  }

  /** First sign-in with an access letter: sets the password and opens the session. */
  firstAccess(firstAccess: FirstAccessRequest): Observable<Me> {
    return this.post<Me>('/auth/first-access', firstAccess);
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

  /**
   * The JSON file of everything the platform holds about the signed-in person (GDPR), sent as an
   * attachment: a plain link, so the browser downloads it as any other file.
   */
  accountExportUrl(): string {
    return this.baseUrl + '/account/export';
  }

  /** Deletes the signed-in person's account; the server also ends the session. */
  deleteAccount(): Observable<void> {
    return this.post<unknown>('/account/deletion', { confirm: true }).pipe(map(() => undefined));
  }

  /** Signs up an organisation and its owner's account; the organisation then waits for accreditation. */
  signUpOrganisation(signUp: OrganisationSignUp): Observable<void> {
    return this.post<unknown>('/organisations', signUp).pipe(map(() => undefined));
  }

  /** The organisations the signed-in person belongs to. */
  myOrganisations(): Observable<MemberOrganisation[]> {
    return this.get<MemberOrganisation[]>('/organisations/mine');
  }

  /** An organisation's people (for its members only). */
  organisationMembers(organisationId: string): Observable<OrganisationMember[]> {
    return this.get<OrganisationMember[]>(`/organisations/${encodeURIComponent(organisationId)}/members`);
  }

  /** E-mails an invitation to join the organisation (owners only). */
  inviteToOrganisation(organisationId: string, invitation: Invitation): Observable<void> {
    return this.post<unknown>(
      `/organisations/${encodeURIComponent(organisationId)}/invitations`,
      invitation,
    ).pipe(map(() => undefined));
  }

  /**
   * Joins the organisation of an invitation: as the signed-in person (no `account`), or with a new
   * account for the invited address.
   */
  acceptInvitation(token: string, account?: { displayName: string; password: string }): Observable<void> {
    return this.post<unknown>('/organisations/invitations/accept', { token, ...account }).pipe(
      map(() => undefined),
    );
  }

  /** For the Ambito office: the organisations in one accreditation status, oldest request first. */
  accreditationQueue(status: AccreditationStatus): Observable<Organisation[]> {
    return this.get<Organisation[]>('/admin/organisations', new HttpParams().set('status', status));
  }

  /** For the Ambito office: accredits or rejects an organisation. */
  decideAccreditation(organisationId: string, decision: AccreditationDecision): Observable<Organisation> {
    return this.post<Organisation>(
      `/admin/organisations/${encodeURIComponent(organisationId)}/accreditation`,
      decision,
    );
  }

  /** For a social worker: the households of their Comuni, by a member's name or fiscal code. */
  searchHouseholds(query: string): Observable<HouseholdSummary[]> {
    const params = query ? new HttpParams().set('q', query) : undefined;
    return this.get<HouseholdSummary[]>('/social/households', params);
  }

  /** For a social worker: one household of their Comuni. */
  socialHousehold(householdId: string): Observable<Household> {
    return this.get<Household>(`/social/households/${encodeURIComponent(householdId)}`);
  }

  /** For a social worker: registers a household whose head has no e-mail address. */
  registerHousehold(registration: AssistedRegistrationRequest): Observable<AssistedRegistrationResult> {
    return this.post<AssistedRegistrationResult>('/social/households', registration);
  }

  /**
   * For a social worker: the household's access letter as a PDF, with a new one-time code; the code
   * of any letter printed before stops working.
   */
  accessLetter(householdId: string): Observable<Blob> {
    return this.http
      .post(
        `${this.baseUrl}/social/households/${encodeURIComponent(householdId)}/access-letter`,
        {},
        { responseType: 'blob' },
      )
      .pipe(
        catchError((error: unknown) =>
          from(blobErrorAsApiError(error)).pipe(mergeMap((e) => throwError(() => e))),
        ),
      );
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

/** A request for a file gets its error body as a Blob too: read the JSON inside before judging it. */
async function blobErrorAsApiError(error: unknown): Promise<ApiError> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    try {
      const body: unknown = JSON.parse(await error.error.text());
      return ApiError.from(
        new HttpErrorResponse({
          error: body,
          headers: error.headers,
          status: error.status,
          statusText: error.statusText,
          url: error.url ?? undefined,
        }),
      );
    } catch {
      // Not JSON: judged below like any other unreadable answer.
    }
  }
  return ApiError.from(error);
}
