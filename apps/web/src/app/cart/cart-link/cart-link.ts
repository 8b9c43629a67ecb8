import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';
import { CartState } from '../cart-state';

/**
 * The header's cart: a link to "/carrello" with the number of services in it. Its accessible name
 * says the number in words ("Carrello: 2 servizi"); the badge repeats it for the eye. Only families
 * get it (the header loads it for the citizen role).
 */
@Component({
  selector: 'pz-cart-link',
  imports: [RouterLink, TranslatePipe, Icon],
  template: `
    <a
      class="cart"
      routerLink="/carrello"
      data-testid="cart-link"
      [attr.aria-label]="label() | translate: { count: count() }"
    >
      <svg pzIcon="it-cart"></svg>
      @if (count()) {
        <span class="count" aria-hidden="true">{{ count() > 99 ? '99+' : count() }}</span>
      }
    </a>
  `,
  styles: `
    :host {
      display: contents;
    }
    .cart {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 44px;
      min-height: 44px;
      color: var(--pz-on-primary-dark);
    }
    .cart svg {
      width: 24px;
      height: 24px;
      fill: currentColor;
    }
    .cart:focus-visible {
      outline: 3px solid #f90;
      outline-offset: 2px;
    }
    .count {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 1.25rem;
      padding: 0 0.25rem;
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 1.25rem;
      text-align: center;
      color: #1a1a1a;
      background: #fff;
      border-radius: 0.625rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CartLink {
  private readonly state = inject(CartState);

  protected readonly count = this.state.lineCount;
  protected readonly label = computed(() => {
    const count = this.count();
    return count === 0
      ? 'commerce.header.cartEmpty'
      : count === 1
        ? 'commerce.header.cartOne'
        : 'commerce.header.cartMany';
  });

  constructor() {
    this.state.refresh();
  }
}
