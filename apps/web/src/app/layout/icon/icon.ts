import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * A Bootstrap Italia sprite icon: `<svg pzIcon="it-search"></svg>`. Always decorative; the text
 * next to it (visible or visually hidden) carries the meaning.
 */
@Component({
  selector: 'svg[pzIcon]',
  template: '<svg:use [attr.href]="href()" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'icon',
    'aria-hidden': 'true',
    focusable: 'false',
  },
})
export class Icon {
  readonly pzIcon = input.required<string>();

  // Relative to <base href>, so the app also works when served under a sub-path.
  protected readonly href = computed(() => `bootstrap-italia/svg/sprites.svg#${this.pzIcon()}`);
}
