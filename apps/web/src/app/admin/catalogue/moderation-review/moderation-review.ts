import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { form, FormField, maxLength, submit, validate } from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, firstValueFrom, of } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { BackOfficeApi } from '../../../api/back-office-api';
import { DirectoryApi } from '../../../api/directory-api';
import { routeParam } from '../../../directory/route-slug';
import { type ProviderService } from '../../../api/back-office-models';
import { formatEuroCents } from '../../../catalogue/price';
import { FieldError } from '../../../forms/field-error/field-error';
import { FieldStatus } from '../../../forms/field-status';
import { focusFirstInvalid } from '../../../forms/focus-first-invalid';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { submitFailure } from '../../../forms/server-errors';
import { LocalDatePipe } from '../../../i18n/local-date';
import { UiLanguage } from '../../../i18n/ui-language';
import { LoadError } from '../../../layout/load-error/load-error';
import { OpeningHoursList } from '../../../provider/opening-hours-list/opening-hours-list';
import { StatusBadge } from '../../../provider/status-badge/status-badge';
import { AmbitoSettings } from '../../../settings/ambito-settings';

/** The server keeps notes up to this length. */
const NOTE_MAX_LENGTH = 2000;

type Verdict = 'approve' | 'refuse';

/**
 * One service waiting for review, as families would read it once published (every field), and the
 * decision: "Approva e pubblica", or "Rimanda all'ente" with a note that tells the organisation
 * what to change.
 */
@Component({
  selector: 'pz-moderation-review',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalDatePipe,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    LoadError,
    OpeningHoursList,
    StatusBadge,
  ],
  templateUrl: './moderation-review.html',
  styleUrl: './moderation-review.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModerationReview {
  private readonly api = inject(BackOfficeApi);
  private readonly directory = inject(DirectoryApi);
  private readonly injector = inject(Injector);
  private readonly language = inject(UiLanguage);
  private readonly settings = inject(AmbitoSettings);
  private readonly decisionBox = viewChild<ElementRef<HTMLElement>>('decisionBox');
  private readonly outcomeHeading = viewChild<ElementRef<HTMLElement>>('outcomeHeading');

  private readonly serviceId = routeParam('id');

  protected readonly service = rxResource({
    params: () => this.serviceId(),
    stream: ({ params: id }) => this.api.moderationService(id),
  });

  protected readonly taxonomy = rxResource({ stream: () => this.directory.taxonomy() });

  /** Names of the places the service lists; without them (not accredited yet) the ids are counted. */
  protected readonly places = rxResource({
    params: () => this.service.value()?.organisation.slug,
    stream: ({ params: slug }) => this.api.organisationPlaces(slug).pipe(catchError(() => of([]))),
  });

  protected readonly loadError = computed(() => {
    const error = this.service.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly details = computed(() => {
    const service = this.service.value();
    if (!service) return null;
    const taxonomy = this.taxonomy.value();
    const family = taxonomy?.families.find((f) => f.categories.some((c) => c.slug === service.categorySlug));
    const category = family?.categories.find((c) => c.slug === service.categorySlug);
    const pick = this.language.pick.bind(this.language);
    const names = <T extends { slug: string }>(
      list: readonly T[] | undefined,
      slugs: string[],
      name: (t: T) => string,
    ) =>
      slugs.map((slug) => {
        const found = list?.find((item) => item.slug === slug);
        return found ? name(found) : slug;
      });
    const places = this.places.value() ?? [];
    return {
      category: category ? `${pick(family!.name)} › ${pick(category.name)}` : service.categorySlug,
      themes: names(taxonomy?.themes, service.themeSlugs, (t) => pick(t.name)),
      targetGroups: names(taxonomy?.targetGroups, service.targetGroupSlugs, (t) => pick(t.name)),
      comuni: names(this.settings.comuni(), service.comuneSlugs, (c) => c.name),
      places: service.placeIds.map((id) => {
        const place = places.find((p) => p.id === id);
        return place ? `${place.name} – ${place.address}, ${place.comune.name}` : null;
      }),
      price:
        service.priceModel === 'free' || service.priceCents === null
          ? null
          : formatEuroCents(service.priceCents, this.language.locale()),
    };
  });

  private readonly verdict = signal<Verdict | null>(null);
  protected readonly busy = signal<Verdict | null>(null);
  protected readonly failure = signal<ApiError | null>(null);
  /** The service after the decision: published, or back to the organisation as a draft. */
  protected readonly decided = signal<ProviderService | null>(null);

  private readonly model = signal({ note: '' });
  protected readonly form = form(this.model, (path) => {
    maxLength(path.note, NOTE_MAX_LENGTH, { message: 'backOffice.review.noteTooLong' });
    validate(path.note, ({ value }) =>
      this.verdict() === 'refuse' && !value().trim()
        ? { kind: 'noteRequired', message: 'backOffice.review.noteRequired' }
        : undefined,
    );
  });

  protected async decide(verdict: Verdict): Promise<void> {
    if (this.busy()) return;
    this.failure.set(null);
    this.verdict.set(verdict);
    this.busy.set(verdict);
    const done = await submit(this.form, async (fields) => {
      try {
        const note = fields().value().note.trim();
        const service = await firstValueFrom(
          this.api.decideModeration(this.serviceId(), {
            approve: verdict === 'approve',
            note: note || undefined,
          }),
        );
        this.decided.set(service);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    this.busy.set(null);
    if (done && this.decided()) {
      afterNextRender(() => this.outcomeHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const box = this.decisionBox();
      if (box) focusFirstInvalid(box.nativeElement, this.injector);
    }
  }
}
