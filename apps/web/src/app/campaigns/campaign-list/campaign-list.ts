import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { CalendarDatePipe } from '../../i18n/calendar-date';
import { LocalizedPipe } from '../../i18n/localized';
import { LoadError } from '../../layout/load-error/load-error';

/** "/campagne": the local-shopping campaigns running or coming, each with its Comune, period and shops. */
@Component({
  selector: 'pz-campaign-list',
  imports: [RouterLink, TranslatePipe, LoadError, LocalizedPipe, CalendarDatePipe],
  templateUrl: './campaign-list.html',
  styleUrls: ['../../vouchers/card-facts.css', './campaign-list.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignList {
  private readonly api = inject(VouchersApi);

  protected readonly campaigns = rxResource({ stream: () => this.api.campaigns() });
  protected readonly loadError = computed(() => {
    const error = this.campaigns.error();
    return error ? ApiError.from(error) : null;
  });

  protected retry(): void {
    this.campaigns.reload();
  }
}
