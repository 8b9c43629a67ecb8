import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { form, FormField, FormRoot, maxLength, required, submit, validate } from '@angular/forms/signals';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, map } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { VouchersApi } from '../../../api/vouchers-api';
import { type SettlementRow } from '../../../api/vouchers-models';
import { FieldError } from '../../../forms/field-error/field-error';
import { FieldStatus } from '../../../forms/field-status';
import { focusFirstInvalid } from '../../../forms/focus-first-invalid';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { submitFailure } from '../../../forms/server-errors';
import { Icon } from '../../../layout/icon/icon';
import { LoadError } from '../../../layout/load-error/load-error';
import { EuroPipe } from '../../../vouchers/euro';
import { centsToInput, comuneName, parseEuro } from '../../../vouchers/euro-input';
import { IdempotentAttempt } from '../../../vouchers/idempotency-key';
import { currentMonth, isMonth, monthDays, MonthNamePipe } from '../../../vouchers/month';
import { MonthPicker } from '../../../vouchers/month-picker/month-picker';
import { FundsNav } from '../funds-nav/funds-nav';

const MONTH_PARAM = 'mese';

/**
 * "Rimborsi ai negozi": for a month, every shop with redemptions, what it redeemed, what was paid
 * and what the Comuni owe it now; "Segna come pagato" records a payment (the amount owed unless
 * changed, with the payment order's reference), sent with an Idempotency-Key; statements to download.
 */
@Component({
  selector: 'pz-settlements-admin',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    Icon,
    LoadError,
    EuroPipe,
    MonthNamePipe,
    MonthPicker,
    FundsNav,
  ],
  templateUrl: './settlements-admin.html',
  styleUrl: './settlements-admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettlementsAdmin {
  protected readonly api = inject(VouchersApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);

  protected readonly comuneName = comuneName;

  protected readonly month = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => {
        const month = params.get(MONTH_PARAM);
        return isMonth(month) ? month : currentMonth();
      }),
    ),
    { initialValue: currentMonth() },
  );

  protected readonly rows = rxResource({
    params: () => this.month(),
    stream: ({ params: month }) => this.api.settlements(month),
  });

  protected readonly loadError = computed(() => {
    const error = this.rows.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly totals = computed(() =>
    (this.rows.value() ?? []).reduce(
      (sum, row) => ({
        redeemed: sum.redeemed + row.redeemed,
        settled: sum.settled + row.settled,
        owed: sum.owed + row.owed,
      }),
      { redeemed: 0, settled: 0, owed: 0 },
    ),
  );

  protected readonly announcement = signal<{ name: string; amount: number } | null>(null);

  /** The shop being paid. */
  protected readonly paying = signal<SettlementRow | null>(null);
  private readonly payModel = signal({ amount: '', reference: '' });
  protected readonly payForm = form(this.payModel, (path) => {
    required(path.amount, { message: 'vouchers.settlements.amountRequired' });
    validate(path.amount, ({ value }) => {
      if (!value().trim()) return undefined;
      const cents = parseEuro(value());
      if (cents === null || cents <= 0)
        return { kind: 'amount', message: 'vouchers.settlements.amountInvalid' };
      const row = this.paying();
      return row && cents > row.owed
        ? { kind: 'overOwed', message: 'vouchers.settlements.amountOverOwed' }
        : undefined;
    });
    required(path.reference, { message: 'vouchers.settlements.referenceRequired' });
    maxLength(path.reference, 200, { message: 'vouchers.funds.referenceTooLong' });
  });
  protected readonly payFailure = signal<ApiError | null>(null);
  private readonly attempt = new IdempotentAttempt();

  protected chooseMonth(month: string): void {
    this.paying.set(null);
    void this.router.navigate([], { queryParams: { [MONTH_PARAM]: month }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.rows.reload();
  }

  protected openPay(row: SettlementRow): void {
    this.payFailure.set(null);
    this.attempt.reset();
    this.payForm().reset({ amount: centsToInput(row.owed), reference: '' });
    this.paying.set(row);
    afterNextRender(() => this.document.getElementById('pay-amount')?.focus(), { injector: this.injector });
  }

  protected closePay(): void {
    const row = this.paying();
    this.paying.set(null);
    if (row) this.focus(`pay-${row.merchant.id}`);
  }

  protected async pay(): Promise<void> {
    const row = this.paying();
    if (!row) return;
    this.payFailure.set(null);
    const done = await submit(this.payForm, async (fields) => {
      const value = fields().value();
      const amount = parseEuro(value.amount);
      if (amount === null) return undefined;
      const { first, last } = monthDays(this.month());
      const input = {
        merchantId: row.merchant.id,
        amount,
        periodStart: first,
        periodEnd: last,
        reference: value.reference.trim(),
      };
      try {
        await firstValueFrom(this.api.settle(input, this.attempt.keyFor(input)));
        this.attempt.settled(null);
        this.paying.set(null);
        this.announcement.set({ name: row.merchant.name, amount });
        this.rows.reload();
        this.focus(`pay-${row.merchant.id}`);
        return undefined;
      } catch (error) {
        const apiError = ApiError.from(error);
        this.attempt.settled(apiError);
        const { fieldErrors, formError } = submitFailure(fields, apiError);
        this.payFailure.set(formError);
        return fieldErrors;
      }
    });
    const form = this.document.getElementById('pay-form');
    if (!done && !this.payFailure() && form) focusFirstInvalid(form, this.injector);
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), { injector: this.injector });
  }
}
