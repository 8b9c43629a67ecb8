import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, maxLength, submit, validate } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { type AccreditationDecision as Decision, type Organisation } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';

type Verdict = Decision['decision'];

/** The server keeps notes up to this length. */
const NOTE_MAX_LENGTH = 1000;

/**
 * "Accredita" and "Respingi" for one organisation, with a note for it: optional to accredit,
 * required to reject, since the organisation is told why by e-mail.
 */
@Component({
  selector: 'pz-accreditation-decision',
  imports: [TranslatePipe, FormField, FieldStatus, FieldError, FormAlert],
  templateUrl: './accreditation-decision.html',
  styleUrl: './accreditation-decision.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccreditationDecision {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');

  readonly organisation = input.required<Organisation>();
  readonly decided = output<Organisation>();

  protected readonly idPrefix = computed(() => `decision-${this.organisation().id}`);

  /** The button pressed last: the note is required only for a rejection. */
  private readonly verdict = signal<Verdict | null>(null);
  protected readonly busy = signal<Verdict | null>(null);

  private readonly model = signal({ note: '' });
  protected readonly form = form(this.model, (path) => {
    maxLength(path.note, NOTE_MAX_LENGTH, { message: 'accreditationDecision.noteTooLong' });
    validate(path.note, ({ value }) =>
      this.verdict() === 'rejected' && !value().trim()
        ? { kind: 'reasonRequired', message: 'accreditationDecision.reasonRequired' }
        : undefined,
    );
  });

  protected readonly failure = signal<ApiError | null>(null);

  protected async decide(verdict: Verdict): Promise<void> {
    if (this.busy()) return;
    this.failure.set(null);
    this.verdict.set(verdict);
    this.busy.set(verdict);
    const done = await submit(this.form, async (fields) => {
      try {
        const note = fields().value().note.trim();
        const organisation = await firstValueFrom(
          this.api.decideAccreditation(this.organisation().id, {
            decision: verdict,
            note: note || undefined,
          }),
        );
        this.decided.emit(organisation);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    this.busy.set(null);
    if (!done && !this.failure()) focusFirstInvalid(this.box().nativeElement, this.injector);
  }
}
