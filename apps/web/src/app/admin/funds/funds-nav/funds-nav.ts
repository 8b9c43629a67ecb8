import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** Tabs between the administration's money pages: funds, voucher kinds, payments to shops. */
@Component({
  selector: 'pz-funds-nav',
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  template: `
    <nav class="mb-4" [attr.aria-label]="'vouchers.funds.navLabel' | translate">
      <ul class="nav nav-tabs">
        @for (tab of tabs; track tab.path) {
          <li class="nav-item">
            <a
              class="nav-link"
              [routerLink]="tab.path"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              >{{ tab.label | translate }}</a
            >
          </li>
        }
      </ul>
    </nav>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FundsNav {
  protected readonly tabs = [
    { path: '/amministrazione/fondi', label: 'vouchers.titles.funds' },
    { path: '/amministrazione/tipi-buono', label: 'vouchers.titles.kinds' },
    { path: '/amministrazione/rimborsi-negozi', label: 'vouchers.titles.settlements' },
  ];
}
