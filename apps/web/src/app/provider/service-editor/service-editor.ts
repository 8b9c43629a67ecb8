import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  linkedSignal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import {
  form,
  FormField,
  FormRoot,
  hidden,
  maxLength,
  minLength,
  required,
  validate,
} from '@angular/forms/signals';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, map, of } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { PRICE_MODELS, type ProviderService, type ServiceInput } from '../../api/back-office-models';
import { type PriceModel } from '../../api/models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { UiLanguage } from '../../i18n/ui-language';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { CheckboxGroup, type CheckboxOption } from '../checkbox-group/checkbox-group';
import { ConfirmAction } from '../confirm-action/confirm-action';
import { EditorActions, type EditorOutcome } from '../editor-actions';
import { centsToEuroText, euroToCents, isEuroAmount } from '../euro-amount';
import {
  OpeningHoursEditor,
  openingHoursOf,
  type OpeningHoursRow,
  openingHoursRows,
  openingHoursRules,
} from '../opening-hours-editor/opening-hours-editor';
import { ProviderNav } from '../provider-nav/provider-nav';
import { ProviderOrganisation } from '../provider-organisation';
import { NEW_ITEM } from '../provider-paths';
import { ServiceSlots } from '../service-slots/service-slots';
import { StatusBadge } from '../status-badge/status-badge';
import { TaxonomySource } from '../taxonomy-source';

/** The request's shape, but the price as the person types it (euro) and keywords as one text. */
interface ServiceModel {
  title: string;
  summary: string;
  description: string;
  categorySlug: string;
  themeSlugs: string[];
  targetGroupSlugs: string[];
  comuneSlugs: string[];
  placeIds: string[];
  priceModel: PriceModel;
  price: string;
  voucherPayable: boolean;
  keywords: string;
  openingHours: OpeningHoursRow[];
}

/** The server names the request's properties; two of them are typed differently here. */
const SERVER_FIELDS: Readonly<Record<string, string>> = { priceCents: 'price' };

function serviceModel(service: ProviderService | undefined): ServiceModel {
  return {
    title: service?.title ?? '',
    summary: service?.summary ?? '',
    description: service?.description ?? '',
    categorySlug: service?.categorySlug ?? '',
    themeSlugs: [...(service?.themeSlugs ?? [])],
    targetGroupSlugs: [...(service?.targetGroupSlugs ?? [])],
    comuneSlugs: [...(service?.comuneSlugs ?? [])],
    placeIds: [...(service?.placeIds ?? [])],
    priceModel: service?.priceModel ?? 'fixed',
    price: centsToEuroText(service?.priceCents ?? null),
    voucherPayable: service?.voucherPayable ?? false,
    keywords: (service?.keywords ?? []).join(', '),
    openingHours: openingHoursRows(service?.openingHours ?? []),
  };
}

function serviceInput(value: ServiceModel): ServiceInput {
  const free = value.priceModel === 'free';
  return {
    title: value.title.trim(),
    summary: value.summary.trim(),
    description: value.description.trim(),
    categorySlug: value.categorySlug,
    themeSlugs: value.themeSlugs,
    targetGroupSlugs: value.targetGroupSlugs,
    comuneSlugs: value.comuneSlugs,
    placeIds: value.placeIds,
    priceModel: value.priceModel,
    priceCents: free ? null : euroToCents(value.price),
    voucherPayable: free ? false : value.voucherPayable,
    keywords: [
      ...new Set(
        value.keywords
          .split(',')
          .map((word) => word.trim())
          .filter(Boolean),
      ),
    ],
    openingHours: openingHoursOf(value.openingHours),
  };
}

type Done = 'created' | 'saved' | 'submitted' | 'published' | 'archived';

/**
 * "Nuovo servizio" and a service's own page: what families will read in the catalogue, the steps to
 * publication (draft, review by the Ufficio di Piano, published, archived) and, once the service
 * exists, its bookable slots.
 */
@Component({
  selector: 'pz-service-editor',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    LocalDatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    LoadError,
    ProviderNav,
    StatusBadge,
    CheckboxGroup,
    OpeningHoursEditor,
    ConfirmAction,
    ServiceSlots,
  ],
  templateUrl: './service-editor.html',
  styleUrls: ['../editor-page.css', './service-editor.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceEditor {
  private readonly api = inject(BackOfficeApi);
  private readonly language = inject(UiLanguage);
  protected readonly organisation = inject(ProviderOrganisation);
  protected readonly taxonomy = inject(TaxonomySource);
  protected readonly settings = inject(AmbitoSettings);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly doneBox = viewChild<ElementRef<HTMLElement>>('doneBox');

  protected readonly priceModels = PRICE_MODELS;

  /** Null on "nuovo". */
  protected readonly serviceId = toSignal(
    inject(ActivatedRoute).paramMap.pipe(
      map((params) => params.get('id')),
      map((id) => (id === NEW_ITEM ? null : id)),
    ),
    { requireSync: true },
  );

  private readonly actions = new EditorActions<
    ProviderService,
    ServiceInput,
    'save' | 'submit' | 'archive',
    Done
  >({
    itemId: this.serviceId,
    itemPath: '/ente/servizi',
    create: (organisationId, input) => this.api.createService(organisationId, input),
    update: (id, input) => this.api.updateService(id, input),
    show: (service) => this.service.set(service),
    formElement: this.formElement,
    doneBox: this.doneBox,
  });

  protected readonly service = rxResource({
    params: () => this.serviceId() ?? undefined,
    stream: ({ params: id }) => {
      const saved = this.actions.justSaved;
      return saved?.id === id ? of(saved) : this.api.service(id);
    },
  });

  protected readonly places = rxResource({
    params: () => this.organisation.current()?.id,
    stream: ({ params: organisationId }) => this.api.places(organisationId),
  });

  protected readonly loadError = computed(() => {
    const error = this.service.error() ?? this.taxonomy.taxonomy.error();
    return error ? ApiError.from(error) : null;
  });

  private readonly model = linkedSignal(() => serviceModel(this.service.value()));
  protected readonly form = form(this.model, (path) => {
    required(path.title, { message: 'backOffice.serviceEditor.titleRequired' });
    minLength(path.title, 3, { message: 'backOffice.serviceEditor.titleLength' });
    maxLength(path.title, 120, { message: 'backOffice.serviceEditor.titleLength' });
    maxLength(path.summary, 300, { message: 'backOffice.serviceEditor.summaryTooLong' });
    maxLength(path.description, 10000, { message: 'backOffice.serviceEditor.descriptionTooLong' });
    required(path.categorySlug, { message: 'backOffice.serviceEditor.categoryRequired' });
    validate(path.comuneSlugs, ({ value }) =>
      value().length === 0
        ? { kind: 'comuniRequired', message: 'backOffice.serviceEditor.comuniRequired' }
        : undefined,
    );
    hidden(path.price, { when: ({ valueOf }) => valueOf(path.priceModel) === 'free' });
    hidden(path.voucherPayable, { when: ({ valueOf }) => valueOf(path.priceModel) === 'free' });
    required(path.price, { message: 'backOffice.serviceEditor.priceRequired' });
    validate(path.price, ({ value }) => {
      if (!value().trim()) return undefined;
      const cents = euroToCents(value());
      return !isEuroAmount(value()) || cents === null || cents <= 0
        ? { kind: 'price', message: 'backOffice.serviceEditor.priceInvalid' }
        : undefined;
    });
    maxLength(path.keywords, 500, { message: 'backOffice.serviceEditor.keywordsTooLong' });
    openingHoursRules(path.openingHours);
  });

  /** The family chosen to narrow the subcategories; follows the subcategory when one is set. */
  protected readonly family = linkedSignal<{ slug: string; family: string | null }, string>({
    source: () => ({
      slug: this.model().categorySlug,
      family: this.taxonomy.familyOf(this.model().categorySlug),
    }),
    computation: (source, previous) => source.family ?? previous?.value ?? '',
  });

  protected readonly families = computed(() => this.taxonomy.taxonomy.value()?.families ?? []);
  protected readonly categories = computed(
    () => this.families().find((family) => family.slug === this.family())?.categories ?? [],
  );
  protected readonly themeOptions = computed<CheckboxOption[]>(() =>
    (this.taxonomy.taxonomy.value()?.themes ?? []).map((theme) => ({
      value: theme.slug,
      label: this.language.pick(theme.name),
    })),
  );
  protected readonly targetGroupOptions = computed<CheckboxOption[]>(() =>
    (this.taxonomy.taxonomy.value()?.targetGroups ?? []).map((group) => ({
      value: group.slug,
      label: this.language.pick(group.name),
    })),
  );
  protected readonly comuneOptions = computed<CheckboxOption[]>(() =>
    this.settings.comuni().map((comune) => ({ value: comune.slug, label: comune.name })),
  );
  protected readonly placeOptions = computed<CheckboxOption[]>(() =>
    (this.places.value() ?? []).map((place) => ({
      value: place.id,
      label: place.name,
      detail: `${place.address} – ${place.comune.name}`,
    })),
  );

  protected readonly failure = this.actions.failure;
  protected readonly done = this.actions.done;
  protected readonly busy = this.actions.busy;

  /** Approved once: "Pubblica" publishes without a new review. */
  protected readonly approvedOnce = computed(() => Boolean(this.service.value()?.firstApprovedAt));

  constructor() {
    // Another family chosen: a subcategory of the old one no longer fits.
    effect(() => {
      const family = this.family();
      const categorySlug = untracked(() => this.model().categorySlug);
      if (categorySlug && family && untracked(() => this.taxonomy.familyOf(categorySlug)) !== family) {
        untracked(() => this.form.categorySlug().value.set(''));
      }
    });
  }

  protected chooseFamily(event: Event): void {
    this.family.set((event.target as HTMLSelectElement).value);
  }

  /** "Salva bozza" / "Salva le modifiche". */
  protected async save(): Promise<void> {
    await this.saveForm('save', async (input) => {
      const existed = this.serviceId() !== null;
      return { item: await this.actions.store(input), done: existed ? 'saved' : 'created' };
    });
  }

  /** "Invia in revisione" / "Pubblica": saves what is on screen, then asks to publish it. */
  protected async submitForReview(): Promise<void> {
    await this.saveForm('submit', async (input) => {
      const saved = await this.actions.store(input);
      const submitted = await firstValueFrom(this.api.submitService(saved.id));
      return { item: submitted, done: submitted.status === 'published' ? 'published' : 'submitted' };
    });
  }

  protected async archive(): Promise<void> {
    const id = this.serviceId();
    if (!id) return;
    await this.actions.act('archive', async () => ({
      item: await firstValueFrom(this.api.archiveService(id)),
      done: 'archived',
    }));
  }

  /** A service once saved can have slots: the page moves to its own address, where they are added. */
  private async saveForm(
    kind: 'save' | 'submit',
    action: (input: ServiceInput) => Promise<EditorOutcome<ProviderService, Done>>,
  ): Promise<void> {
    await this.actions.submitForm(
      kind,
      this.form,
      (value) => action(serviceInput(value)),
      () => SERVER_FIELDS,
    );
  }
}
