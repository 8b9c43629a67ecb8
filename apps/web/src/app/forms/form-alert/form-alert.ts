import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  effect,
  inject,
  Injector,
  input,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type ApiError } from '../../api/api-error';
import { LocalizedPipe } from '../../i18n/localized';

/**
 * A failure of a whole form (wrong credentials, too many attempts, no connection), above the form.
 * It takes focus when it appears, so the person hears it and starts again from there; extra help
 * (a link, a next step) goes in as content.
 */
@Component({
  selector: 'pz-form-alert',
  imports: [TranslatePipe, LocalizedPipe],
  templateUrl: './form-alert.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormAlert {
  readonly error = input.required<ApiError>();
  /** A translation key said instead of the server's message, where the page knows better what to say. */
  readonly messageKey = input<string | null>(null);

  /** Without a message from the server: no answer at all, or an answer we cannot read. */
  protected readonly fallbackKey = computed(() =>
    this.error().status === 0 ? 'forms.networkError' : 'forms.unexpectedError',
  );

  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');

  constructor() {
    const injector = inject(Injector);
    effect(() => {
      this.error();
      afterNextRender(() => this.box().nativeElement.focus(), { injector });
    });
  }
}
