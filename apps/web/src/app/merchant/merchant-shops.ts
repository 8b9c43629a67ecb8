import { inject, Injectable } from '@angular/core';

import { VouchersApi } from '../api/vouchers-api';
import { type MerchantShop } from '../api/vouchers-models';
import { MembershipChoice } from '../session/membership-choice';

/** The query parameter that says which of the person's shops the pages work for. */
export const SHOP_PARAM = 'negozio';

/**
 * The shop the merchant pages work for: the one named by `?negozio=<id>`, else the person's first.
 * Provided by the merchant routes, so the list is read once for all their pages.
 */
@Injectable()
export class MerchantShops extends MembershipChoice<MerchantShop> {
  constructor() {
    const api = inject(VouchersApi);
    super(SHOP_PARAM, () => api.merchantShops());
  }
}
