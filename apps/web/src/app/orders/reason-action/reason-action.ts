import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, maxLength, submit, validate } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';

/** The API's bounds on a reason. */
const REASON_MIN = 3;
const REASON_MAX = 500;

/**
 * A button for a step that cannot be undone and that the other side reads the reason of (cancel an
 * order, decline it): the first press opens, in the page, the question, the reason (required or
 * optional), "Sì" and "No". Focus goes to the reason, and back to the button on "No".
 */
@Component({
  selector: 'pz-reason-action',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError],
  templateUrl: './reason-action.html',
  styleUrls: ['../../provider/confirm-action/confirm-action.css', './reason-action.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonAction {
  private readonly injector = inject(Injector);
  private readonly trigger = viewChild<ElementRef<HTMLButtonElement>>('trigger');
  private readonly reasonInput = viewChild<ElementRef<HTMLTextAreaElement>>('reasonInput');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');

  /** Unique on the page: the ids of the question's parts start with it. */
  readonly idPrefix = input.required<string>();
  /** Translation keys: the button, the question (may use `{{subject}}`), the reason's label, "Sì, …". */
  readonly label = input.required<string>();
  readonly question = input.required<string>();
  readonly reasonLabel = input.required<string>();
  readonly reasonHint = input<string | null>(null);
  readonly confirmLabel = input.required<string>();
  readonly subject = input('');
  readonly reasonRequired = input(false);
  readonly busy = input(false);

  readonly confirmed = output<string>();

  protected readonly asking = signal(false);
  private readonly model = signal({ reason: '' });
  protected readonly form = form(this.model, (path) => {
    validate(path.reason, ({ value }) => {
      const reason = value().trim();
      if (this.reasonRequired() && !reason) return { kind: 'required', message: 'commerce.reason.required' };
      if (reason && reason.length < REASON_MIN) return { kind: 'short', message: 'commerce.reason.tooShort' };
      return undefined;
    });
    maxLength(path.reason, REASON_MAX, { message: 'commerce.reason.tooLong' });
  });

  protected ask(): void {
    this.form().reset({ reason: '' });
    this.asking.set(true);
    afterNextRender(() => this.reasonInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async confirm(): Promise<void> {
    if (this.busy()) return;
    const valid = await submit(this.form, async () => undefined);
    if (!valid) {
      const element = this.formElement();
      if (element) focusFirstInvalid(element.nativeElement, this.injector);
      return;
    }
    this.confirmed.emit(this.model().reason.trim());
  }

  protected dismiss(): void {
    this.asking.set(false);
    afterNextRender(() => this.trigger()?.nativeElement.focus(), { injector: this.injector });
  }

  /** The step went through: the question closes (the page shows the new state). */
  close(): void {
    this.asking.set(false);
  }
}
