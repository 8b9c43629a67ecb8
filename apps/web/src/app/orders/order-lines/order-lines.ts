import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type OrderLine } from '../../api/commerce-models';
import { QuantityPipe } from '../../cart/quantity';
import { WhenPipe } from '../../directory/when';
import { EuroPipe } from '../../vouchers/euro';

/** An order's services as a table: what, when, how many, at what price. Family and provider alike. */
@Component({
  selector: 'pz-order-lines',
  imports: [TranslatePipe, EuroPipe, QuantityPipe, WhenPipe],
  template: `
    <div class="table-responsive">
      <table class="table lines">
        <caption class="visually-hidden">
          {{
            'commerce.order.linesCaption' | translate
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'commerce.order.service' | translate }}</th>
            <th scope="col">{{ 'commerce.order.quantity' | translate }}</th>
            <th scope="col" class="num">{{ 'commerce.order.unitPrice' | translate }}</th>
            <th scope="col" class="num">{{ 'commerce.order.lineTotal' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (line of lines(); track line.id) {
            <tr>
              <th scope="row">
                {{ line.title }}
                @if (line.slot; as slot) {
                  <span class="row-detail">{{ slot | when }}</span>
                }
              </th>
              <td>{{ line.quantity | quantity: line.priceModel : !!line.slot }}</td>
              <td class="num">{{ line.unitPrice | euro }}</td>
              <td class="num strong">{{ line.lineTotal | euro }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: '../../vouchers/amount-table.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderLines {
  readonly lines = input.required<OrderLine[]>();
}
