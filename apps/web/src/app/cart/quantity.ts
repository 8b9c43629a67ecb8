import { inject, Pipe, type PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';

import { type PriceModel } from '../api/models';

/** The API's limit on a line's quantity. */
export const MAX_QUANTITY = 100;

/** What a line's quantity counts: places of a date, hours, sessions, months, or one purchase. */
export type QuantityUnit = 'places' | 'hours' | 'sessions' | 'months' | 'item';

/** A service with dates is booked by places; otherwise its price model says what is counted. */
export function quantityUnit(priceModel: PriceModel | string, hasSlot: boolean): QuantityUnit {
  if (hasSlot) return 'places';
  switch (priceModel) {
    case 'per_hour':
      return 'hours';
    case 'per_session':
      return 'sessions';
    case 'per_month':
      return 'months';
    default:
      return 'item';
  }
}

/**
 * `{{ line.quantity | quantity: line.service.priceModel : !!line.slot }}`: "2 ore", "1 posto",
 * "3 mesi". Reads `commerce.units`, so it works where the commerce texts are provided. Impure so
 * that it follows a language switch.
 */
@Pipe({ name: 'quantity', pure: false })
export class QuantityPipe implements PipeTransform {
  private readonly translate = inject(TranslateService);

  transform(quantity: number, priceModel: PriceModel | string, hasSlot: boolean): string {
    const unit = quantityUnit(priceModel, hasSlot);
    const form = quantity === 1 ? 'one' : 'many';
    return this.translate.instant(`commerce.units.${unit}.${form}`, { count: quantity });
  }
}
