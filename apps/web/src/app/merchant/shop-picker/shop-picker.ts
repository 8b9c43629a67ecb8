import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { LoadError } from '../../layout/load-error/load-error';
import { comuneName } from '../../vouchers/euro-input';
import { MerchantShops } from '../merchant-shops';

/**
 * Which shop the page works for: its name, and a choice when the person works for several. Says so
 * when the person works for no shop, or for one the Ambito has not accredited yet.
 */
@Component({
  selector: 'pz-shop-picker',
  imports: [TranslatePipe, LoadError],
  template: `
    @if (shops.loadError(); as error) {
      <pz-load-error [error]="error" fallbackKey="vouchers.merchant.shopsError" (retry)="shops.retry()" />
    } @else if (shops.current() === undefined) {
      <p role="status">{{ 'vouchers.loading' | translate }}</p>
    } @else if (shops.current(); as current) {
      @let list = shops.list.value() ?? [];
      @if (list.length > 1) {
        <div class="pz-form picker">
          <div class="pz-field">
            <label for="shop-picker">{{ 'vouchers.merchant.shop' | translate }}</label>
            <select id="shop-picker" class="form-select" data-testid="shop-picker" (change)="choose($event)">
              @for (shop of list; track shop.id) {
                <option [value]="shop.id" [selected]="shop.id === current.id">
                  {{ shop.name }} – {{ comuneName(shop.comune) }}
                </option>
              }
            </select>
          </div>
        </div>
      } @else {
        <p class="shop">
          {{ 'vouchers.merchant.shop' | translate }}: <strong>{{ current.name }}</strong>
        </p>
      }
      @if (!current.accredited) {
        <div class="alert alert-warning">{{ 'vouchers.merchant.notAccredited' | translate }}</div>
      }
    } @else {
      <div class="alert alert-info">{{ 'vouchers.merchant.noShop' | translate }}</div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .picker .pz-field {
      margin-bottom: 1rem;
    }
    .shop {
      color: #455b71;
    }
    .shop strong {
      color: #1a1a1a;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShopPicker {
  protected readonly shops = inject(MerchantShops);
  protected readonly comuneName = comuneName;

  protected choose(event: Event): void {
    this.shops.choose((event.target as HTMLSelectElement).value);
  }
}
