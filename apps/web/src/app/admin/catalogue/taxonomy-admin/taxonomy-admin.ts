import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  effect,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { BackOfficeApi, type TermKind } from '../../../api/back-office-api';
import { type AdminCategory, type AdminTaxonomy, type AdminTerm } from '../../../api/back-office-models';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { UiLanguage } from '../../../i18n/ui-language';
import { LoadError } from '../../../layout/load-error/load-error';
import { ConfirmAction } from '../../../provider/confirm-action/confirm-action';
import { Session } from '../../../session/session';
import { TermForm, type TermTarget } from '../term-form/term-form';

/** One list of the page: a family's subcategories, the themes or the target groups. */
interface TermSection {
  /** `category:<family slug>`, `themes` or `target-groups`: where the form opens and messages show. */
  id: string;
  title: string;
  /** Translated already for a family (its name), a translation key otherwise. */
  titleIsKey: boolean;
  terms: (AdminCategory | AdminTerm)[];
  /** A new entry of this list. */
  newTarget: TermTarget;
  edit(term: AdminCategory | AdminTerm): TermTarget;
}

const byPosition = (a: { position: number; nameIt: string }, b: { position: number; nameIt: string }) =>
  a.position - b.position || a.nameIt.localeCompare(b.nameIt, 'it');

/**
 * "Categorie": the words families search the catalogue by. The category tree under each of the
 * five fixed families, the themes and the target groups; each entry in Italian and English, with
 * how many services use it. An entry in use cannot be deleted (the server says so, 409).
 */
@Component({
  selector: 'pz-taxonomy-admin',
  imports: [RouterLink, TranslatePipe, LoadError, FormAlert, ConfirmAction, TermForm],
  templateUrl: './taxonomy-admin.html',
  styleUrl: './taxonomy-admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaxonomyAdmin {
  private readonly api = inject(BackOfficeApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly language = inject(UiLanguage);
  private readonly termForm = viewChild(TermForm);

  protected readonly taxonomy = rxResource({ stream: () => this.api.adminTaxonomy() });

  protected readonly loadError = computed(() => {
    const error = this.taxonomy.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly sections = computed<TermSection[]>(() => {
    const taxonomy = this.taxonomy.value();
    if (!taxonomy) return [];
    const families = taxonomy.categories.filter((c) => c.parentSlug === null).sort(byPosition);
    return [
      ...families.map<TermSection>((family) => ({
        id: `category:${family.slug}`,
        title: this.language.current() === 'en' ? family.nameEn : family.nameIt,
        titleIsKey: false,
        terms: taxonomy.categories.filter((c) => c.parentSlug === family.slug).sort(byPosition),
        newTarget: { kind: 'category', family: family.family, parentSlug: family.slug, term: null },
        edit: (term) => ({
          kind: 'category',
          family: family.family,
          parentSlug: family.slug,
          term: term as AdminCategory,
        }),
      })),
      this.termSection('themes', taxonomy.themes),
      this.termSection('target-groups', taxonomy.targetGroups),
    ];
  });

  /** The open form: which list it belongs to and what it edits. */
  protected readonly editing = signal<{ sectionId: string; target: TermTarget } | null>(null);
  protected readonly deleting = signal<string | null>(null);
  /** A message shown above one list (a 409 "in use", a failure). */
  protected readonly problem = signal<{ sectionId: string; error: ApiError } | null>(null);
  protected readonly announcement = signal<{ key: string; name: string } | null>(null);

  constructor() {
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: '/amministrazione/categorie' } });
      }
    });
  }

  protected nextPosition(section: TermSection): number {
    return section.terms.reduce((highest, term) => Math.max(highest, term.position + 10), 10);
  }

  protected open(section: TermSection, target: TermTarget): void {
    this.problem.set(null);
    this.announcement.set(null);
    this.editing.set({ sectionId: section.id, target });
    afterNextRender(() => this.termForm()?.focusHeading(), { injector: this.injector });
  }

  protected close(section: TermSection): void {
    this.editing.set(null);
    this.focusSection(section.id);
  }

  protected saved(section: TermSection, term: AdminCategory | AdminTerm): void {
    const isNew = this.editing()?.target.term === null;
    this.taxonomy.update((taxonomy) => taxonomy && withTerm(taxonomy, section.id, term));
    this.editing.set(null);
    this.announcement.set({
      key: isNew ? 'backOffice.taxonomy.added' : 'backOffice.taxonomy.updated',
      name: term.nameIt,
    });
    this.focusSection(section.id);
  }

  protected async remove(section: TermSection, term: AdminCategory | AdminTerm): Promise<void> {
    if (this.deleting()) return;
    this.problem.set(null);
    this.announcement.set(null);
    this.deleting.set(term.id);
    try {
      const kind = kindOf(section.id);
      await firstValueFrom(
        kind === 'category' ? this.api.deleteCategory(term.id) : this.api.deleteTerm(kind, term.id),
      );
      this.taxonomy.update((taxonomy) => taxonomy && withoutTerm(taxonomy, section.id, term.id));
      if (this.editing()?.target.term?.id === term.id) this.editing.set(null);
      this.announcement.set({ key: 'backOffice.taxonomy.deleted', name: term.nameIt });
      this.focusSection(section.id);
    } catch (error) {
      this.problem.set({ sectionId: section.id, error: ApiError.from(error) });
    } finally {
      this.deleting.set(null);
    }
  }

  protected termName(term: AdminCategory | AdminTerm): string {
    return this.language.current() === 'en' ? term.nameEn : term.nameIt;
  }

  private termSection(kind: TermKind, terms: AdminTerm[]): TermSection {
    return {
      id: kind,
      title: `backOffice.taxonomy.sections.${kind}`,
      titleIsKey: true,
      terms: [...terms].sort(byPosition),
      newTarget: { kind, term: null },
      edit: (term) => ({ kind, term: term as AdminTerm }),
    };
  }

  private focusSection(sectionId: string): void {
    afterNextRender(() => this.document.getElementById(headingId(sectionId))?.focus(), {
      injector: this.injector,
    });
  }

  protected headingId = headingId;
}

function headingId(sectionId: string): string {
  return `taxonomy-${sectionId.replace(':', '-')}`;
}

function kindOf(sectionId: string): 'category' | TermKind {
  return sectionId.startsWith('category:') ? 'category' : (sectionId as TermKind);
}

function withTerm(
  taxonomy: AdminTaxonomy,
  sectionId: string,
  term: AdminCategory | AdminTerm,
): AdminTaxonomy {
  const upsert = <T extends { id: string }>(list: T[], item: T) =>
    list.some((existing) => existing.id === item.id)
      ? list.map((existing) => (existing.id === item.id ? item : existing))
      : [...list, item];
  const kind = kindOf(sectionId);
  if (kind === 'category')
    return { ...taxonomy, categories: upsert(taxonomy.categories, term as AdminCategory) };
  if (kind === 'themes') return { ...taxonomy, themes: upsert(taxonomy.themes, term as AdminTerm) };
  return { ...taxonomy, targetGroups: upsert(taxonomy.targetGroups, term as AdminTerm) };
}

function withoutTerm(taxonomy: AdminTaxonomy, sectionId: string, termId: string): AdminTaxonomy {
  const kind = kindOf(sectionId);
  if (kind === 'category')
    return { ...taxonomy, categories: taxonomy.categories.filter((c) => c.id !== termId) };
  if (kind === 'themes') return { ...taxonomy, themes: taxonomy.themes.filter((t) => t.id !== termId) };
  return { ...taxonomy, targetGroups: taxonomy.targetGroups.filter((t) => t.id !== termId) };
}
