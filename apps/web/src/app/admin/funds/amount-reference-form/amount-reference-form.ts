import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormField, FormRoot } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { FieldError } from '../../../forms/field-error/field-error';
import { FieldStatus } from '../../../forms/field-status';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { FormButtons } from '../../../vouchers/form-buttons/form-buttons';
import { type OpenRowForm } from '../../../vouchers/row-form';

/** Money moved with the act that decided it: a top-up's "Determina", a payment order's number. */
export interface AmountReference {
  /** In euro, as typed. */
  amount: string;
  reference: string;
}

/**
 * The form under a row of the administration's money tables (top up a fund, pay a shop): a title,
 * the amount and its reference, each with a hint, and the buttons to send or cancel. Its ids (the
 * form, `<idPrefix>-amount`, `<idPrefix>-reference`) start with `idPrefix`; its labels and hints are
 * `<texts>.amount`, `.amountHint`, `.reference` and `.referenceHint`.
 */
@Component({
  selector: 'pz-amount-reference-form',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert, FormButtons],
  template: `
    @let id = idPrefix();
    <form
      class="pz-form"
      [id]="id + '-form'"
      [formRoot]="rowForm().form"
      (submit)="submitted.emit()"
      [attr.data-testid]="id + '-form'"
    >
      <p class="form-title">{{ title() }}</p>
      @if (rowForm().failure(); as failure) {
        <pz-form-alert [error]="failure" />
      }
      <div class="grid">
        <div class="pz-field">
          <label [for]="id + '-amount'">{{ texts() + '.amount' | translate }}</label>
          <p class="pz-hint" [id]="id + '-amount-hint'">{{ texts() + '.amountHint' | translate }}</p>
          <input
            [id]="id + '-amount'"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            class="form-control"
            [attr.aria-describedby]="id + '-amount-hint ' + id + '-amount-error'"
            [formField]="rowForm().form.amount"
          />
          <pz-field-error [id]="id + '-amount-error'" [state]="rowForm().form.amount()" />
        </div>
        <div class="pz-field">
          <label [for]="id + '-reference'">{{ texts() + '.reference' | translate }}</label>
          <p class="pz-hint" [id]="id + '-reference-hint'">{{ texts() + '.referenceHint' | translate }}</p>
          <input
            [id]="id + '-reference'"
            type="text"
            class="form-control"
            [attr.aria-describedby]="id + '-reference-hint ' + id + '-reference-error'"
            [formField]="rowForm().form.reference"
          />
          <pz-field-error [id]="id + '-reference-error'" [state]="rowForm().form.reference()" />
        </div>
      </div>
      <pz-form-buttons
        [submitLabel]="submitLabel()"
        [submitting]="rowForm().form().submitting()"
        (cancelled)="rowForm().cancel()"
      />
    </form>
  `,
  styleUrl: '../../../vouchers/form-layout.css',
  styles: `
    :host {
      display: block;
    }
    .form-title {
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AmountReferenceForm {
  /** `top-up`, `pay`: the start of every id in the form. */
  readonly idPrefix = input.required<string>();
  /** The translation keys' prefix: `vouchers.funds`, `vouchers.settlements`. */
  readonly texts = input.required<string>();
  /** Already in words: says which row the form is for. */
  readonly title = input.required<string>();
  /** Translation key of the send button. */
  readonly submitLabel = input.required<string>();
  readonly rowForm = input.required<OpenRowForm<AmountReference>>();

  readonly submitted = output<void>();
}
