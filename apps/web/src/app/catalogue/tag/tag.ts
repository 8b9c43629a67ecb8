import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { Icon } from '../../layout/icon/icon';

/**
 * A short status next to a title ("Pagabile con buono", "Aperto ora"): text and icon together, so
 * the colour never carries the meaning alone.
 */
@Component({
  selector: 'pz-tag',
  imports: [Icon],
  template: `<svg [pzIcon]="icon()"></svg><span><ng-content /></span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.125rem 0.625rem 0.125rem 0.375rem;
      border: 1px solid #5c6f82;
      border-radius: 999px;
      background: #f5f7f9;
      color: #17324d;
      font-size: 0.875rem;
      font-weight: 600;
      line-height: 1.5;
    }
    :host(.tone-success) {
      border-color: #00704a;
      background: #e6f4ef;
      color: #00573a;
    }
    :host(.tone-danger) {
      border-color: #a61e33;
      background: #fbe9ec;
      color: #8a1526;
    }
    .icon {
      flex-shrink: 0;
      width: 18px;
      height: 18px;
      fill: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"tone-" + tone()' },
})
export class Tag {
  readonly icon = input.required<string>();
  readonly tone = input<'neutral' | 'success' | 'danger'>('neutral');
}
