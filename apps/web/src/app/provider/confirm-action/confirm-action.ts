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
import { TranslatePipe } from '@ngx-translate/core';

/**
 * A button for something that cannot be undone (delete, cancel, archive): the first press asks,
 * in the page, with "Sì" and "No"; focus goes to the question's first button and back to the
 * button when the person says no.
 */
@Component({
  selector: 'pz-confirm-action',
  imports: [TranslatePipe],
  templateUrl: './confirm-action.html',
  styleUrl: './confirm-action.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmAction {
  private readonly injector = inject(Injector);
  private readonly trigger = viewChild<ElementRef<HTMLButtonElement>>('trigger');
  private readonly yesButton = viewChild<ElementRef<HTMLButtonElement>>('yesButton');

  /** Translation key of the button. */
  readonly label = input.required<string>();
  /** What the action applies to, read after the label by screen readers ("Elimina – Sede di Tradate"). */
  readonly subject = input('');
  /** Translation key of the question, with `{{subject}}`. */
  readonly question = input.required<string>();
  /** Translation key of the button that does it. */
  readonly confirmLabel = input.required<string>();
  readonly busy = input(false);
  readonly small = input(true);

  readonly confirmed = output<void>();

  protected readonly asking = signal(false);

  protected ask(): void {
    this.asking.set(true);
    afterNextRender(() => this.yesButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirm(): void {
    if (this.busy()) return;
    this.asking.set(false);
    this.confirmed.emit();
  }

  protected dismiss(): void {
    this.asking.set(false);
    afterNextRender(() => this.trigger()?.nativeElement.focus(), { injector: this.injector });
  }
}
