import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  form,
  FormField,
  FormRoot,
  hidden,
  max,
  maxLength,
  min,
  minLength,
  pattern,
  required,
  submit,
} from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../../api/api-error';
import { BackOfficeApi } from '../../../api/back-office-api';
import { type AdminCategory, type AdminTerm } from '../../../api/back-office-models';
import { type FamilySlug } from '../../../api/models';
import { FieldError } from '../../../forms/field-error/field-error';
import { FieldStatus } from '../../../forms/field-status';
import { focusFirstInvalid } from '../../../forms/focus-first-invalid';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { submitFailure } from '../../../forms/server-errors';

/** What the form edits: a subcategory of a family, a theme or a target group. */
export type TermTarget =
  | { kind: 'category'; family: FamilySlug; parentSlug: string; term: AdminCategory | null }
  | { kind: 'themes'; term: AdminTerm | null }
  | { kind: 'target-groups'; term: AdminTerm | null };

interface TermModel {
  slug: string;
  nameIt: string;
  nameEn: string;
  descriptionIt: string;
  descriptionEn: string;
  position: number | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Servizi per l'infanzia" → "servizi-per-l-infanzia": a slug to start from. */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * Adds or changes one entry of the taxonomy: slug (the address in the catalogue's filters), names
 * in Italian and English, descriptions (not for target groups) and position in lists.
 */
@Component({
  selector: 'pz-term-form',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert],
  templateUrl: './term-form.html',
  styleUrl: './term-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TermForm {
  private readonly api = inject(BackOfficeApi);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  readonly target = input.required<TermTarget>();
  /** Where a new entry goes by default: after the last one. */
  readonly nextPosition = input(0);
  readonly saved = output<AdminCategory | AdminTerm>();
  readonly cancelled = output<void>();

  protected readonly idPrefix = computed(() => `term-${this.target().kind}`);
  protected readonly isNew = computed(() => this.target().term === null);

  private readonly model = linkedSignal<TermModel>(() => {
    const term = this.target().term;
    return {
      slug: term?.slug ?? '',
      nameIt: term?.nameIt ?? '',
      nameEn: term?.nameEn ?? '',
      descriptionIt: term?.descriptionIt ?? '',
      descriptionEn: term?.descriptionEn ?? '',
      position: term?.position ?? this.nextPosition(),
    };
  });
  protected readonly form = form(this.model, (path) => {
    required(path.slug, { message: 'backOffice.taxonomy.slugRequired' });
    maxLength(path.slug, 60, { message: 'backOffice.taxonomy.slugShape' });
    pattern(path.slug, SLUG, { message: 'backOffice.taxonomy.slugShape' });
    required(path.nameIt, { message: 'backOffice.taxonomy.nameRequired' });
    minLength(path.nameIt, 2, { message: 'backOffice.taxonomy.nameRequired' });
    maxLength(path.nameIt, 100, { message: 'backOffice.taxonomy.nameTooLong' });
    required(path.nameEn, { message: 'backOffice.taxonomy.nameRequired' });
    minLength(path.nameEn, 2, { message: 'backOffice.taxonomy.nameRequired' });
    maxLength(path.nameEn, 100, { message: 'backOffice.taxonomy.nameTooLong' });
    hidden(path.descriptionIt, { when: () => this.target().kind === 'target-groups' });
    hidden(path.descriptionEn, { when: () => this.target().kind === 'target-groups' });
    maxLength(path.descriptionIt, 1000, { message: 'backOffice.taxonomy.descriptionTooLong' });
    maxLength(path.descriptionEn, 1000, { message: 'backOffice.taxonomy.descriptionTooLong' });
    required(path.position, { message: 'backOffice.taxonomy.positionRange' });
    min(path.position, 0, { message: 'backOffice.taxonomy.positionRange' });
    max(path.position, 10000, { message: 'backOffice.taxonomy.positionRange' });
  });

  protected readonly failure = signal<ApiError | null>(null);

  focusHeading(): void {
    afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
  }

  /** A new entry's slug follows its Italian name until someone types one. */
  protected suggestSlug(): void {
    if (!this.isNew() || this.form.slug().dirty()) return;
    this.form.slug().value.set(slugOf(this.model().nameIt));
  }

  protected async save(): Promise<void> {
    this.failure.set(null);
    const target = this.target();
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      const base = {
        slug: value.slug.trim(),
        nameIt: value.nameIt.trim(),
        nameEn: value.nameEn.trim(),
        position: value.position ?? 0,
      };
      const described = {
        ...base,
        descriptionIt: value.descriptionIt.trim(),
        descriptionEn: value.descriptionEn.trim(),
      };
      try {
        let saved: AdminCategory | AdminTerm;
        if (target.kind === 'category') {
          const input = { ...described, family: target.family, parentSlug: target.parentSlug };
          saved = await firstValueFrom(
            target.term ? this.api.updateCategory(target.term.id, input) : this.api.createCategory(input),
          );
        } else {
          const input = target.kind === 'themes' ? described : base;
          saved = await firstValueFrom(
            target.term
              ? this.api.updateTerm(target.kind, target.term.id, input)
              : this.api.createTerm(target.kind, input),
          );
        }
        this.saved.emit(saved);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (!done && !this.failure()) focusFirstInvalid(this.formElement().nativeElement, this.injector);
  }
}
