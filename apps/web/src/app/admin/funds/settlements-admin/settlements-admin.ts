import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { maxLength, required, validate } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { STATEMENT_FORMATS, VouchersApi } from '../../../api/vouchers-api';
import { type SettlementRow } from '../../../api/vouchers-models';
import { Icon } from '../../../layout/icon/icon';
import { LoadError } from '../../../layout/load-error/load-error';
import { EuroPipe } from '../../../vouchers/euro';
import { centsToInput, comuneName, parseEuro } from '../../../vouchers/euro-input';
import { monthDays, monthInAddress, MonthNamePipe } from '../../../vouchers/month';
import { MonthPicker } from '../../../vouchers/month-picker/month-picker';
import { RowForm } from '../../../vouchers/row-form';
import { type AmountReference, AmountReferenceForm } from '../amount-reference-form/amount-reference-form';
import { FundsNav } from '../funds-nav/funds-nav';

/**
 * "Rimborsi ai negozi": for a month, every shop with redemptions, what it redeemed, what was paid
 * and what the Comuni owe it now; "Segna come pagato" records a payment (the amount owed unless
 * changed, with the payment order's reference), sent with an Idempotency-Key; statements to download.
 */
@Component({
  selector: 'pz-settlements-admin',
  imports: [
    TranslatePipe,
    Icon,
    LoadError,
    EuroPipe,
    MonthNamePipe,
    MonthPicker,
    FundsNav,
    AmountReferenceForm,
  ],
  templateUrl: './settlements-admin.html',
  styleUrls: ['../../../vouchers/amount-table.css', './settlements-admin.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettlementsAdmin {
  protected readonly api = inject(VouchersApi);

  protected readonly comuneName = comuneName;
  protected readonly statementFormats = STATEMENT_FORMATS;

  private readonly shown = monthInAddress();
  protected readonly month = this.shown.month;

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

  /** The payment to the shop of one row. */
  protected readonly payment: RowForm<SettlementRow, AmountReference> = new RowForm({
    empty: { amount: '', reference: '' },
    schema: (path) => {
      required(path.amount, { message: 'vouchers.settlements.amountRequired' });
      validate(path.amount, ({ value }) => {
        if (!value().trim()) return undefined;
        const cents = parseEuro(value());
        if (cents === null || cents <= 0)
          return { kind: 'amount', message: 'vouchers.settlements.amountInvalid' };
        const row = this.payment.row();
        return row && cents > row.owed
          ? { kind: 'overOwed', message: 'vouchers.settlements.amountOverOwed' }
          : undefined;
      });
      required(path.reference, { message: 'vouchers.settlements.referenceRequired' });
      maxLength(path.reference, 200, { message: 'vouchers.funds.referenceTooLong' });
    },
    formId: 'pay-form',
    firstFieldId: 'pay-amount',
    rowButtonId: (row) => `pay-${row.merchant.id}`,
  });

  protected chooseMonth(month: string): void {
    this.payment.row.set(null);
    this.shown.choose(month);
  }

  protected retry(): void {
    this.rows.reload();
  }

  protected openPay(row: SettlementRow): void {
    this.payment.open(row, { amount: centsToInput(row.owed), reference: '' });
  }

  protected async pay(): Promise<void> {
    await this.payment.submit(async (row, value) => {
      const amount = parseEuro(value.amount);
      if (amount === null) return;
      const { first, last } = monthDays(this.month());
      const input = {
        merchantId: row.merchant.id,
        amount,
        periodStart: first,
        periodEnd: last,
        reference: value.reference.trim(),
      };
      await firstValueFrom(this.api.settle(input, this.payment.attempt.keyFor(input)));
      this.announcement.set({ name: row.merchant.name, amount });
      this.rows.reload();
      this.payment.focusRowButton(row);
    });
  }
}
