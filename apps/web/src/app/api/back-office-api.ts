import { HttpClient, type HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import {
  type AdminCategory,
  type AdminTaxonomy,
  type AdminTerm,
  type CategoryInput,
  type EventInput,
  type ModerationDecision,
  type ModerationItem,
  type ModerationService,
  type PlaceDto,
  type PlaceInput,
  type ProfileInput,
  type ProviderEvent,
  type ProviderProfile,
  type ProviderService,
  type ServiceInput,
  type SlotDto,
  type SlotInput,
  type TargetGroupInput,
  type ThemeInput,
} from './back-office-models';
import { API_BASE_URL } from './piazza-api';

/** The kinds of taxonomy term the administration edits, as their URLs spell them. */
export type TermKind = 'themes' | 'target-groups';

/**
 * The provider back-office and the administration of the catalogue (docs/directory-api.md).
 * Every method fails with an {@link ApiError}. Relative URLs only: HttpClient adds the X-XSRF-TOKEN
 * header to same-origin writes, not to absolute ones.
 */
@Injectable({ providedIn: 'root' })
export class BackOfficeApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  // --- Organisation profile ------------------------------------------------------------------------

  profile(organisationId: string): Observable<ProviderProfile> {
    return this.get<ProviderProfile>(`/provider/organisations/${encodeURIComponent(organisationId)}/profile`);
  }

  updateProfile(organisationId: string, profile: ProfileInput): Observable<ProviderProfile> {
    return this.send<ProviderProfile>(
      'PUT',
      `/provider/organisations/${encodeURIComponent(organisationId)}/profile`,
      profile,
    );
  }

  /** Uploads the logo (PNG, JPEG or WebP, at most 5 MB); the server resizes it and answers the profile. */
  uploadLogo(organisationId: string, file: File): Observable<ProviderProfile> {
    const body = new FormData();
    body.append('logo', file, file.name);
    return this.send<ProviderProfile>(
      'PUT',
      `/provider/organisations/${encodeURIComponent(organisationId)}/logo`,
      body,
    );
  }

  removeLogo(organisationId: string): Observable<void> {
    return this.send<unknown>(
      'DELETE',
      `/provider/organisations/${encodeURIComponent(organisationId)}/logo`,
    ).pipe(map(() => undefined));
  }

  // --- Places ----------------------------------------------------------------------------------------

  places(organisationId: string): Observable<PlaceDto[]> {
    return this.get<PlaceDto[]>(`/provider/organisations/${encodeURIComponent(organisationId)}/places`);
  }

  createPlace(organisationId: string, place: PlaceInput): Observable<PlaceDto> {
    return this.send<PlaceDto>(
      'POST',
      `/provider/organisations/${encodeURIComponent(organisationId)}/places`,
      place,
    );
  }

  updatePlace(placeId: string, place: PlaceInput): Observable<PlaceDto> {
    return this.send<PlaceDto>('PUT', `/provider/places/${encodeURIComponent(placeId)}`, place);
  }

  deletePlace(placeId: string): Observable<void> {
    return this.send<unknown>('DELETE', `/provider/places/${encodeURIComponent(placeId)}`).pipe(
      map(() => undefined),
    );
  }

  // --- Services and their slots ------------------------------------------------------------------

  services(organisationId: string): Observable<ProviderService[]> {
    return this.get<ProviderService[]>(
      `/provider/organisations/${encodeURIComponent(organisationId)}/services`,
    );
  }

  service(serviceId: string): Observable<ProviderService> {
    return this.get<ProviderService>(`/provider/services/${encodeURIComponent(serviceId)}`);
  }

  /** Creates a draft. */
  createService(organisationId: string, service: ServiceInput): Observable<ProviderService> {
    return this.send<ProviderService>(
      'POST',
      `/provider/organisations/${encodeURIComponent(organisationId)}/services`,
      service,
    );
  }

  updateService(serviceId: string, service: ServiceInput): Observable<ProviderService> {
    return this.send<ProviderService>('PUT', `/provider/services/${encodeURIComponent(serviceId)}`, service);
  }

  /** Sends a draft for review, or publishes it straight away when it was approved once. */
  submitService(serviceId: string): Observable<ProviderService> {
    return this.send<ProviderService>(
      'POST',
      `/provider/services/${encodeURIComponent(serviceId)}/submit`,
      {},
    );
  }

  archiveService(serviceId: string): Observable<ProviderService> {
    return this.send<ProviderService>(
      'POST',
      `/provider/services/${encodeURIComponent(serviceId)}/archive`,
      {},
    );
  }

  slots(serviceId: string): Observable<SlotDto[]> {
    return this.get<SlotDto[]>(`/provider/services/${encodeURIComponent(serviceId)}/slots`);
  }

  /** Adds a slot, and the same slot on each of `repeatWeeks` following weeks: answers every slot made. */
  createSlots(serviceId: string, slot: SlotInput): Observable<SlotDto[]> {
    return this.send<SlotDto[]>('POST', `/provider/services/${encodeURIComponent(serviceId)}/slots`, slot);
  }

  updateSlot(slotId: string, slot: SlotInput): Observable<SlotDto> {
    return this.send<SlotDto>('PUT', `/provider/slots/${encodeURIComponent(slotId)}`, slot);
  }

  /**
   * Deletes a slot nobody booked (null), or cancels a booked one and answers it with its
   * `cancelledAt`.
   */
  deleteSlot(slotId: string): Observable<SlotDto | null> {
    return this.send<SlotDto | null>('DELETE', `/provider/slots/${encodeURIComponent(slotId)}`).pipe(
      map((slot) => slot ?? null),
    );
  }

  // --- Events ----------------------------------------------------------------------------------------

  events(organisationId: string): Observable<ProviderEvent[]> {
    return this.get<ProviderEvent[]>(`/provider/organisations/${encodeURIComponent(organisationId)}/events`);
  }

  event(eventId: string): Observable<ProviderEvent> {
    return this.get<ProviderEvent>(`/provider/events/${encodeURIComponent(eventId)}`);
  }

  createEvent(organisationId: string, event: EventInput): Observable<ProviderEvent> {
    return this.send<ProviderEvent>(
      'POST',
      `/provider/organisations/${encodeURIComponent(organisationId)}/events`,
      event,
    );
  }

  updateEvent(eventId: string, event: EventInput): Observable<ProviderEvent> {
    return this.send<ProviderEvent>('PUT', `/provider/events/${encodeURIComponent(eventId)}`, event);
  }

  publishEvent(eventId: string): Observable<ProviderEvent> {
    return this.send<ProviderEvent>('POST', `/provider/events/${encodeURIComponent(eventId)}/publish`, {});
  }

  cancelEvent(eventId: string): Observable<ProviderEvent> {
    return this.send<ProviderEvent>('POST', `/provider/events/${encodeURIComponent(eventId)}/cancel`, {});
  }

  // --- Administration: moderation ----------------------------------------------------------------

  /** Services waiting for review, oldest first. */
  moderationQueue(): Observable<ModerationItem[]> {
    return this.get<ModerationItem[]>('/admin/moderation/services');
  }

  moderationService(serviceId: string): Observable<ModerationService> {
    return this.get<ModerationService>(`/admin/moderation/services/${encodeURIComponent(serviceId)}`);
  }

  /** Approves (publishes) or refuses (back to draft, with the note) a service. */
  decideModeration(serviceId: string, decision: ModerationDecision): Observable<ProviderService> {
    return this.send<ProviderService>(
      'POST',
      `/admin/moderation/services/${encodeURIComponent(serviceId)}/decision`,
      decision,
    );
  }

  /**
   * The places of an accredited organisation, from its public page: the moderator sees their names
   * where a service lists only their ids.
   */
  organisationPlaces(organisationSlug: string): Observable<PlaceDto[]> {
    return this.get<{ places: PlaceDto[] }>(
      `/catalogue/organisations/${encodeURIComponent(organisationSlug)}`,
    ).pipe(map((page) => page.places ?? []));
  }

  // --- Administration: taxonomy ------------------------------------------------------------------

  adminTaxonomy(): Observable<AdminTaxonomy> {
    return this.get<AdminTaxonomy>('/admin/taxonomy');
  }

  createCategory(category: CategoryInput): Observable<AdminCategory> {
    return this.send<AdminCategory>('POST', '/admin/categories', category);
  }

  updateCategory(categoryId: string, category: CategoryInput): Observable<AdminCategory> {
    return this.send<AdminCategory>('PUT', `/admin/categories/${encodeURIComponent(categoryId)}`, category);
  }

  /** Refused (409) while services use the category. */
  deleteCategory(categoryId: string): Observable<void> {
    return this.send<unknown>('DELETE', `/admin/categories/${encodeURIComponent(categoryId)}`).pipe(
      map(() => undefined),
    );
  }

  createTerm(kind: TermKind, term: ThemeInput | TargetGroupInput): Observable<AdminTerm> {
    // Literal paths, so the client contract test can check them against the OpenAPI document.
    return kind === 'themes'
      ? this.send<AdminTerm>('POST', '/admin/themes', term)
      : this.send<AdminTerm>('POST', '/admin/target-groups', term);
  }

  updateTerm(kind: TermKind, termId: string, term: ThemeInput | TargetGroupInput): Observable<AdminTerm> {
    const id = encodeURIComponent(termId);
    return kind === 'themes'
      ? this.send<AdminTerm>('PUT', `/admin/themes/${id}`, term)
      : this.send<AdminTerm>('PUT', `/admin/target-groups/${id}`, term);
  }

  deleteTerm(kind: TermKind, termId: string): Observable<void> {
    const id = encodeURIComponent(termId);
    const deletion =
      kind === 'themes'
        ? this.send<unknown>('DELETE', `/admin/themes/${id}`)
        : this.send<unknown>('DELETE', `/admin/target-groups/${id}`);
    return deletion.pipe(map(() => undefined));
  }

  private get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }

  private send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Observable<T> {
    return this.http
      .request<T>(method, this.baseUrl + path, { body })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
