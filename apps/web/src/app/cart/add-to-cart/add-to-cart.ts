import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, max, min, validate } from '@angular/forms/signals';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { CommerceApi } from '../../api/commerce-api';
import { type Cart } from '../../api/commerce-models';
import { type ServiceDetail } from '../../api/directory-models';
import { WhenPipe } from '../../directory/when';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitToServer } from '../../forms/server-errors';
import { provideCommerceTexts } from '../../i18n/commerce-texts';
import { Session } from '../../session/session';
import { EuroPipe } from '../../vouchers/euro';
import { CartState } from '../cart-state';
import { MAX_QUANTITY, quantityUnit, type QuantityUnit } from '../quantity';

interface AddModel {
  slotId: string;
  quantity: number | null;
}

/**
 * The service page's "Aggiungi al carrello": a family picks a date (with the places still free),
 * says how many hours, sessions, months or places, sees what the line costs and puts it in the
 * cart. Visitors are asked to sign in; operators see nothing, as they do not buy services.
 */
@Component({
  selector: 'pz-add-to-cart',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    EuroPipe,
    WhenPipe,
  ],
  providers: [provideCommerceTexts()],
  templateUrl: './add-to-cart.html',
  styleUrl: './add-to-cart.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddToCart {
  private readonly api = inject(CommerceApi);
  private readonly cart = inject(CartState);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly doneMessage = viewChild<ElementRef<HTMLElement>>('doneMessage');

  readonly service = input.required<ServiceDetail>();

  /** Who the block speaks to: a family buys, a visitor is asked to sign in, anyone else sees nothing. */
  protected readonly audience = computed<'family' | 'visitor' | null>(() => {
    if (this.session.status() === 'anonymous') return 'visitor';
    return this.session.hasRole('citizen') ? 'family' : null;
  });

  protected readonly slots = computed(() => this.service().slots);
  protected readonly hasSlots = computed(() => this.slots().length > 0);
  protected readonly unit = computed<QuantityUnit>(() =>
    quantityUnit(this.service().priceModel, this.hasSlots()),
  );

  private readonly model = signal<AddModel>({ slotId: '', quantity: 1 });
  protected readonly form = form(this.model, (path) => {
    validate(path.slotId, ({ value }) =>
      this.hasSlots() && !value() ? { kind: 'required', message: 'commerce.add.slotRequired' } : undefined,
    );
    // min and max also set the field's attributes, so the browser's number field knows them.
    min(path.quantity, 1, { message: 'commerce.add.quantityInvalid' });
    max(path.quantity, () => this.maxQuantity(), {
      message: () => {
        const slot = this.selectedSlot();
        if (!slot) return 'commerce.add.quantityInvalid';
        return slot.free === 1 ? 'commerce.add.onlyOne' : 'commerce.add.tooMany';
      },
    });
    validate(path.quantity, ({ value }) => {
      const quantity = value();
      return quantity === null || !Number.isInteger(quantity)
        ? { kind: 'quantity', message: 'commerce.add.quantityInvalid' }
        : undefined;
    });
  });

  protected readonly selectedSlot = computed(
    () => this.slots().find((slot) => slot.id === this.model().slotId) ?? null,
  );
  protected readonly maxQuantity = computed(() =>
    Math.min(this.selectedSlot()?.free ?? MAX_QUANTITY, MAX_QUANTITY),
  );
  /** A fixed price without dates is bought once: no quantity to choose. */
  protected readonly asksQuantity = computed(() => this.unit() !== 'item');

  /** What the line will cost, as typed; null while the quantity is not a number. */
  protected readonly lineTotal = computed(() => {
    const quantity = this.model().quantity;
    if (quantity === null || !Number.isInteger(quantity) || quantity < 1) return null;
    return (this.service().priceCents ?? 0) * quantity;
  });

  protected readonly failure = signal<ApiError | null>(null);
  /** The cart after the last addition, for the confirmation and its link. */
  protected readonly added = signal<Cart | null>(null);

  protected readonly returnPath = computed(() => {
    this.service();
    return this.router.url;
  });

  protected async add(): Promise<void> {
    this.added.set(null);
    const options = {
      failure: this.failure,
      element: () => this.formElement()?.nativeElement,
      injector: this.injector,
    };
    const sent = await submitToServer(this.form, options, async (value) => {
      const cart = await firstValueFrom(
        this.api.addToCart({
          serviceId: this.service().id,
          slotId: value.slotId || null,
          quantity: this.asksQuantity() ? (value.quantity ?? 1) : 1,
        }),
      );
      this.cart.received(cart);
      this.added.set(cart);
    });
    if (sent) afterNextRender(() => this.doneMessage()?.nativeElement.focus(), { injector: this.injector });
  }
}
