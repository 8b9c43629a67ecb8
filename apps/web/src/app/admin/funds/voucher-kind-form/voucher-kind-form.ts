import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  form,
  FormField,
  FormRoot,
  hidden,
  maxLength,
  minLength,
  pattern,
  required,
  validate,
} from '@angular/forms/signals';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../../api/api-error';
import { type AdminCategory } from '../../../api/back-office-models';
import { SHOP_CATEGORIES, type Organisation } from '../../../api/models';
import { VouchersApi } from '../../../api/vouchers-api';
import { type VoucherKind, type VoucherKindInput, type VoucherKindType } from '../../../api/vouchers-models';
import { FieldError } from '../../../forms/field-error/field-error';
import { FieldStatus } from '../../../forms/field-status';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { submitToServer } from '../../../forms/server-errors';
import { CheckboxGroup, type CheckboxOption } from '../../../provider/checkbox-group/checkbox-group';
import { AmbitoSettings } from '../../../settings/ambito-settings';
import { FormButtons } from '../../../vouchers/form-buttons/form-buttons';
import { slugOf } from '../../catalogue/term-form/term-form';

interface KindModel {
  kind: VoucherKindType;
  nameIt: string;
  nameEn: string;
  slug: string;
  descriptionIt: string;
  descriptionEn: string;
  /** '' for every Comune of the Ambito. */
  comuneId: string;
  categoryIds: string[];
  shopCategories: string[];
  campaign: boolean;
  shopIds: string[];
  startsOn: string;
  endsOn: string;
  active: boolean;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The request's names for the form's fields, in the server's refusals. */
const SERVER_FIELDS = {
  'name.it': 'nameIt',
  'name.en': 'nameEn',
  'description.it': 'descriptionIt',
  'description.en': 'descriptionEn',
};
export const VOUCHER_KIND_TYPES: readonly VoucherKindType[] = ['spending', 'service'];

function modelOf(kind: VoucherKind | null): KindModel {
  return {
    kind: kind?.kind ?? 'spending',
    nameIt: kind?.name.it ?? '',
    nameEn: kind?.name.en ?? '',
    slug: kind?.slug ?? '',
    descriptionIt: kind?.description?.it ?? '',
    descriptionEn: kind?.description?.en ?? '',
    comuneId: kind?.comune?.id ?? '',
    categoryIds: kind?.categoryIds ?? [],
    shopCategories: kind?.shopCategories ?? [],
    campaign: kind?.campaign ?? false,
    shopIds: kind?.shopIds ?? [],
    startsOn: kind?.startsOn?.slice(0, 10) ?? '',
    endsOn: kind?.endsOn?.slice(0, 10) ?? '',
    active: kind?.active ?? true,
  };
}

/**
 * A voucher kind or a local-shopping campaign: service (catalogue categories) or spending (shop
 * categories), names in both languages, one Comune or all, the shops and period of a campaign, and
 * whether social workers can assign it now.
 */
@Component({
  selector: 'pz-voucher-kind-form',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    FormButtons,
    CheckboxGroup,
  ],
  templateUrl: './voucher-kind-form.html',
  styleUrls: ['../../../vouchers/form-layout.css', './voucher-kind-form.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoucherKindForm {
  private readonly api = inject(VouchersApi);
  private readonly injector = inject(Injector);
  private readonly translate = inject(TranslateService);
  protected readonly settings = inject(AmbitoSettings);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  /** Null for a new kind. */
  readonly kind = input.required<VoucherKind | null>();
  readonly categories = input.required<AdminCategory[]>();
  readonly shops = input.required<Organisation[]>();
  readonly saved = output<VoucherKind>();
  readonly cancelled = output<void>();

  protected readonly types = VOUCHER_KIND_TYPES;

  private readonly model = linkedSignal<KindModel>(() => modelOf(this.kind()));
  protected readonly form = form(this.model, (path) => {
    required(path.nameIt, { message: 'vouchers.kinds.nameRequired' });
    minLength(path.nameIt, 2, { message: 'vouchers.kinds.nameRequired' });
    maxLength(path.nameIt, 200, { message: 'vouchers.kinds.nameTooLong' });
    required(path.nameEn, { message: 'vouchers.kinds.nameRequired' });
    minLength(path.nameEn, 2, { message: 'vouchers.kinds.nameRequired' });
    maxLength(path.nameEn, 200, { message: 'vouchers.kinds.nameTooLong' });
    required(path.slug, { message: 'vouchers.kinds.slugShape' });
    maxLength(path.slug, 80, { message: 'vouchers.kinds.slugShape' });
    pattern(path.slug, SLUG, { message: 'vouchers.kinds.slugShape' });
    maxLength(path.descriptionIt, 2000, { message: 'vouchers.kinds.descriptionTooLong' });
    maxLength(path.descriptionEn, 2000, { message: 'vouchers.kinds.descriptionTooLong' });
    hidden(path.categoryIds, { when: ({ valueOf }) => valueOf(path.kind) !== 'service' });
    hidden(path.shopCategories, { when: ({ valueOf }) => valueOf(path.kind) !== 'spending' });
    hidden(path.campaign, { when: ({ valueOf }) => valueOf(path.kind) !== 'spending' });
    hidden(path.shopIds, {
      when: ({ valueOf }) => valueOf(path.kind) !== 'spending' || !valueOf(path.campaign),
    });
    validate(path.endsOn, ({ value, valueOf }) => {
      const start = valueOf(path.startsOn);
      return start && value() && value() < start
        ? { kind: 'endBeforeStart', message: 'vouchers.kinds.endBeforeStart' }
        : undefined;
    });
  });

  protected readonly failure = signal<ApiError | null>(null);

  protected readonly categoryOptions = computed<CheckboxOption[]>(() => {
    const family = (slug: string) => this.translate.instant(`families.${slug}`) as string;
    return this.categories().map((category) => ({
      value: category.id,
      label: category.nameIt,
      detail: family(category.family),
    }));
  });

  protected readonly shopCategoryOptions = computed<CheckboxOption[]>(() =>
    SHOP_CATEGORIES.map((category) => ({
      value: category,
      label: this.translate.instant(`shopCategories.${category}`) as string,
    })),
  );

  protected readonly shopOptions = computed<CheckboxOption[]>(() =>
    this.shops().map((shop) => ({
      value: shop.id,
      label: shop.name,
      detail: `${shop.address}, ${shop.comune.name}`,
    })),
  );

  focusHeading(): void {
    afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
  }

  /** A new kind's slug follows its Italian name until someone types one. */
  protected suggestSlug(): void {
    if (this.kind() || this.form.slug().dirty()) return;
    this.form.slug().value.set(slugOf(this.model().nameIt));
  }

  protected async save(): Promise<void> {
    const existing = this.kind();
    const options = {
      failure: this.failure,
      element: () => this.formElement().nativeElement,
      injector: this.injector,
      aliases: SERVER_FIELDS,
    };
    await submitToServer(this.form, options, async (value) => {
      const spending = value.kind === 'spending';
      const campaign = spending && value.campaign;
      const input: VoucherKindInput = {
        slug: value.slug.trim(),
        kind: value.kind,
        name: { it: value.nameIt.trim(), en: value.nameEn.trim() },
        description: { it: value.descriptionIt.trim(), en: value.descriptionEn.trim() },
        comuneId: value.comuneId || null,
        categoryIds: spending ? [] : value.categoryIds,
        shopCategories: spending ? value.shopCategories : [],
        campaign,
        shopIds: campaign ? value.shopIds : [],
        startsOn: value.startsOn || null,
        endsOn: value.endsOn || null,
        active: value.active,
      };
      // A kind cannot turn from service to spending or back: the change leaves the type out.
      const { kind: _type, ...changes } = input;
      const saved = await firstValueFrom(
        existing ? this.api.updateVoucherKind(existing.id, changes) : this.api.createVoucherKind(input),
      );
      this.saved.emit(saved);
    });
  }
}
