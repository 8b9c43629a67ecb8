import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * The end of a form: the button that sends it (marked busy while it is being sent) and "Annulla".
 * Place it inside the `<form>`.
 */
@Component({
  selector: 'pz-form-buttons',
  imports: [TranslatePipe],
  template: `
    <button
      type="submit"
      class="btn"
      [class.btn-primary]="!danger()"
      [class.btn-danger]="danger()"
      [attr.aria-disabled]="submitting() || null"
    >
      {{ (submitting() && busyLabel() ? busyLabel() : submitLabel()) | translate }}
    </button>
    <button type="button" class="btn btn-outline-primary" (click)="cancelled.emit()">
      {{ cancelLabel() | translate }}
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    /* Bootstrap Italia's red is too light for white text: the error red reads at 6.5:1. */
    .btn-danger {
      --bs-btn-bg: #a61e33;
      --bs-btn-border-color: #a61e33;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormButtons {
  /** Translation keys of the two buttons; `busyLabel`, if any, replaces `submitLabel` while sending. */
  readonly submitLabel = input.required<string>();
  readonly busyLabel = input<string | null>(null);
  readonly cancelLabel = input('vouchers.cancel');
  /** Sending the form destroys something (a revocation): the send button is red. */
  readonly danger = input(false);
  readonly submitting = input(false);

  readonly cancelled = output<void>();
}
