import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map, of } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { CommerceApi } from '../../../api/commerce-api';
import { PROVIDER_ORDER_STATUSES, type ProviderOrderStatus } from '../../../api/commerce-models';
import { LoadError } from '../../../layout/load-error/load-error';
import { OrderCard } from '../../../orders/order-card/order-card';
import { ProviderNav } from '../../provider-nav/provider-nav';
import { ProviderOrganisation } from '../../provider-organisation';

/** The query parameter of the status filter. */
const STATUS_PARAM = 'stato';

function isStatus(value: string | null): value is ProviderOrderStatus {
  return (PROVIDER_ORDER_STATUSES as readonly (string | null)[]).includes(value);
}

/**
 * "Ordini": what families ordered from the organisation, newest first, with a filter by status
 * (kept in the address, `?stato=paid` for the orders still to confirm).
 */
@Component({
  selector: 'pz-provider-order-list',
  imports: [TranslatePipe, LoadError, OrderCard, ProviderNav],
  templateUrl: './provider-order-list.html',
  styleUrl: './provider-order-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderOrderList {
  private readonly api = inject(CommerceApi);
  private readonly router = inject(Router);
  protected readonly organisation = inject(ProviderOrganisation);
  protected readonly statuses = PROVIDER_ORDER_STATUSES;

  protected readonly status = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => {
        const value = params.get(STATUS_PARAM);
        return isStatus(value) ? value : null;
      }),
    ),
    { initialValue: null },
  );

  protected readonly orders = rxResource({
    params: () => ({ organisationId: this.organisation.current()?.id, status: this.status() }),
    stream: ({ params }) =>
      params.organisationId ? this.api.providerOrders(params.organisationId, params.status) : of([]),
  });
  protected readonly loadError = computed(() => {
    const error = this.orders.error();
    return error ? ApiError.from(error) : null;
  });

  protected chooseStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    void this.router.navigate([], {
      queryParams: { [STATUS_PARAM]: isStatus(value) ? value : null },
      queryParamsHandling: 'merge',
    });
  }
}
