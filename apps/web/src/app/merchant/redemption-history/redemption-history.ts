import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { of } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { STATEMENT_FORMATS, VouchersApi } from '../../api/vouchers-api';
import { LoadError } from '../../layout/load-error/load-error';
import { Icon } from '../../layout/icon/icon';
import { DateTimePipe } from '../../vouchers/date-time';
import { EuroPipe } from '../../vouchers/euro';
import { MonthPicker } from '../../vouchers/month-picker/month-picker';
import { monthInAddress, MonthNamePipe } from '../../vouchers/month';
import { MerchantShops } from '../merchant-shops';
import { ShopPicker } from '../shop-picker/shop-picker';

/**
 * A shop's redemptions of one month, voided ones marked, with the month's total and its statement
 * as CSV and PDF.
 */
@Component({
  selector: 'pz-redemption-history',
  imports: [
    RouterLink,
    TranslatePipe,
    LoadError,
    Icon,
    DateTimePipe,
    EuroPipe,
    MonthPicker,
    MonthNamePipe,
    ShopPicker,
  ],
  templateUrl: './redemption-history.html',
  styleUrl: './redemption-history.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RedemptionHistory {
  protected readonly shops = inject(MerchantShops);
  protected readonly api = inject(VouchersApi);
  protected readonly statementFormats = STATEMENT_FORMATS;
  private readonly shown = monthInAddress();
  protected readonly month = this.shown.month;

  protected readonly redemptions = rxResource({
    params: () => ({ shop: this.shops.current(), month: this.month() }),
    stream: ({ params }) =>
      params.shop ? this.api.redemptions(params.shop.id, params.month) : of({ items: [], total: 0 }),
  });

  protected readonly loadError = computed(() => {
    const error = this.redemptions.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly counts = computed(() => {
    const items = this.redemptions.value()?.items ?? [];
    const voided = items.filter((item) => item.voidedAt).length;
    return { taken: items.length - voided, voided };
  });

  protected chooseMonth(month: string): void {
    this.shown.choose(month);
  }

  protected retry(): void {
    this.redemptions.reload();
  }
}
