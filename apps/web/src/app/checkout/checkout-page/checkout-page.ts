import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  Injector,
  signal,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { applyEach, form, FormField, submit, validate } from '@angular/forms/signals';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { CommerceApi } from '../../api/commerce-api';
import {
  type CheckoutPlan,
  type UsableVoucher,
  type VoucherChoice,
  type VoucherShare,
} from '../../api/commerce-models';
import { type LocalizedText } from '../../api/models';
import { CartState } from '../../cart/cart-state';
import { WhenPipe } from '../../directory/when';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { EuroPipe } from '../../vouchers/euro';
import { centsToInput, parseEuro } from '../../vouchers/euro-input';
import { answerLost, IdempotentAttempt } from '../../vouchers/idempotency-key';

/** How the family wants its vouchers used. */
export type VoucherMode = 'auto' | 'none' | 'choose';

interface ChosenAmount {
  voucherId: string;
  /** Euro as typed ("12,50"); empty for none. */
  amount: string;
}

/** Failures after which the cart, not this page, is where to fix things. */
const CART_PROBLEMS = new Set(['SLOT_FULL', 'CART_EMPTY', 'SERVICE_UNAVAILABLE']);

/**
 * "/carrello/pagamento": what paying the cart does before it is done. One order per provider, which
 * voucher pays how much of each (automatically, the voucher that expires first used first; none; or
 * amounts the family types), the remainder by card, and "Paga". A voucher-only payment ends on the
 * result page; a card remainder goes to Stripe's page. The request keeps its Idempotency-Key for a
 * retry after a lost answer, so the cart is never paid twice.
 */
@Component({
  selector: 'pz-checkout-page',
  imports: [
    RouterLink,
    TranslatePipe,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    Icon,
    LoadError,
    EuroPipe,
    LocalDatePipe,
    LocalizedPipe,
    WhenPipe,
  ],
  templateUrl: './checkout-page.html',
  styleUrl: './checkout-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckoutPage {
  private readonly api = inject(CommerceApi);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly cart = inject(CartState);
  protected readonly settings = inject(AmbitoSettings);
  private readonly amountsElement = viewChild<ElementRef<HTMLElement>>('amountsElement');

  protected readonly modes: readonly VoucherMode[] = ['auto', 'none', 'choose'];
  protected readonly mode = signal<VoucherMode>('auto');
  /** The amounts typed are checked against the plan with vouchers applied automatically. */
  protected readonly preview = rxResource({
    params: () => (this.mode() === 'none' ? 'none' : 'auto'),
    stream: ({ params }) => this.api.checkoutPreview(params),
  });
  protected readonly plan = computed<CheckoutPlan | undefined>(() =>
    this.preview.hasValue() ? this.preview.value() : undefined,
  );
  protected readonly loadError = computed(() => {
    const error = this.preview.error();
    return error ? ApiError.from(error) : null;
  });

  private readonly amountsModel = signal<{ amounts: ChosenAmount[] }>({ amounts: [] });
  protected readonly amountsForm = form(this.amountsModel, (path) => {
    applyEach(path.amounts, (item) => {
      validate(item.amount, ({ value, valueOf }) => {
        if (!value().trim()) return undefined;
        const cents = parseEuro(value());
        if (cents === null) return { kind: 'amount', message: 'commerce.checkout.amountInvalid' };
        const voucher = this.plan()?.usableVouchers.find((v) => v.id === valueOf(item.voucherId));
        return voucher && cents > voucher.balance
          ? { kind: 'balance', message: 'commerce.checkout.amountOverBalance' }
          : undefined;
      });
    });
    validate(path.amounts, () => {
      const total = this.plan()?.total ?? 0;
      return this.chosen().sum > total
        ? { kind: 'total', message: 'commerce.checkout.amountOverTotal' }
        : undefined;
    });
  });

  /** The shares typed, in cents (empty or zero amounts left out). */
  protected readonly chosen = computed(() => {
    const shares: VoucherShare[] = [];
    for (const item of this.amountsModel().amounts) {
      const cents = parseEuro(item.amount);
      if (cents) shares.push({ voucherId: item.voucherId, amount: cents });
    }
    return { shares, sum: shares.reduce((sum, share) => sum + share.amount, 0) };
  });

  /** Vouchers and card as they stand with the choice made. */
  protected readonly split = computed(() => {
    const plan = this.plan();
    if (!plan) return null;
    if (this.mode() !== 'choose') return { voucher: plan.voucherTotal, card: plan.cardTotal };
    const voucher = Math.min(this.chosen().sum, plan.total);
    return { voucher, card: plan.total - voucher };
  });

  /** A card part is left, and this Ambito takes no cards: paying is not possible as chosen. */
  protected readonly cardBlocked = computed(() => {
    const plan = this.plan();
    return !!plan && (this.split()?.card ?? 0) > 0 && !plan.cardAvailable;
  });

  protected readonly paying = signal(false);
  protected readonly failure = signal<ApiError | null>(null);
  protected readonly canRetry = signal(false);
  private readonly attempt = new IdempotentAttempt();

  protected usableVoucher(voucherId: string): UsableVoucher | null {
    return this.plan()?.usableVouchers.find((v) => v.id === voucherId) ?? null;
  }

  protected voucherName(voucherId: string): LocalizedText | null {
    return this.usableVoucher(voucherId)?.kind ?? null;
  }

  protected chooseMode(mode: VoucherMode): void {
    if (mode === 'choose' && this.mode() !== 'choose') this.prefillAmounts();
    this.mode.set(mode);
    this.failure.set(null);
    this.canRetry.set(false);
  }

  protected isCartProblem(error: ApiError): boolean {
    return CART_PROBLEMS.has(error.code);
  }

  protected async pay(): Promise<void> {
    const plan = this.plan();
    if (!plan || this.paying() || this.cardBlocked()) return;
    if (this.mode() === 'choose') {
      // Validation only: the payment itself is below, once the amounts are right.
      const valid = await submit(this.amountsForm, async () => undefined);
      if (!valid) {
        const element = this.amountsElement();
        if (element) focusFirstInvalid(element.nativeElement, this.injector);
        return;
      }
    }
    const choice: VoucherChoice =
      this.mode() === 'choose' ? this.chosen().shares : this.mode() === 'none' ? 'none' : 'auto';
    const key = this.attempt.keyFor(choice);
    this.paying.set(true);
    this.failure.set(null);
    this.canRetry.set(false);
    try {
      const result = await firstValueFrom(this.api.checkout(choice, key));
      this.attempt.settled(null);
      this.cart.refresh();
      if (result.paymentUrl) {
        this.document.location.assign(result.paymentUrl);
        return;
      }
      await this.router.navigate(['/ordini/pagamento', result.checkoutId]);
    } catch (error) {
      const apiError = ApiError.from(error);
      this.attempt.settled(apiError);
      this.canRetry.set(answerLost(apiError));
      this.failure.set(apiError);
      // The cart took the new prices: show what paying costs now.
      if (apiError.code === 'PRICE_CHANGED') {
        this.preview.reload();
        this.cart.refresh();
      }
    } finally {
      this.paying.set(false);
    }
  }

  /** "Choose amounts" starts from what the automatic choice would use. */
  private prefillAmounts(): void {
    const plan = this.plan();
    if (!plan) return;
    const used = new Map<string, number>();
    for (const order of plan.orders) {
      for (const share of order.vouchers)
        used.set(share.voucherId, (used.get(share.voucherId) ?? 0) + share.amount);
    }
    // In the order the automatic choice uses them: the voucher that expires first, first.
    const vouchers = [...plan.usableVouchers].sort(
      (a, b) => a.validUntil.localeCompare(b.validUntil) || a.id.localeCompare(b.id),
    );
    this.amountsForm().reset({
      amounts: vouchers.map((voucher) => ({
        voucherId: voucher.id,
        amount: used.get(voucher.id) ? centsToInput(used.get(voucher.id)!) : '',
      })),
    });
  }
}
