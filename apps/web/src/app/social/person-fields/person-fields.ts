import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FieldTree, FormField } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { type Person } from '../../api/models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { UppercaseInput } from '../../forms/uppercase-input';

/**
 * First name, last name, fiscal code and date of birth of one person of a household, bound to a
 * part of the page's form. `idPrefix` keeps the ids unique when a form holds several people.
 */
@Component({
  selector: 'pz-person-fields',
  imports: [TranslatePipe, FormField, FieldStatus, FieldError, UppercaseInput],
  templateUrl: './person-fields.html',
  styleUrl: './person-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonFields {
  readonly person = input.required<FieldTree<Person>>();
  readonly idPrefix = input.required<string>();
}
