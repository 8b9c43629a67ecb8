import { afterNextRender, type ElementRef, inject, Injector, type Signal, signal } from '@angular/core';
import { type FieldTree, submit } from '@angular/forms/signals';
import { Router } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';

import { ApiError } from '../api/api-error';
import { focusFirstInvalid } from '../forms/focus-first-invalid';
import { submitFailure } from '../forms/server-errors';
import { ProviderOrganisation } from './provider-organisation';

/** What one button did: the item as the server sent it back, and what the page says about it. */
export interface EditorOutcome<Item, Done> {
  item: Item;
  done: Done;
}

/** The editor page an `EditorActions` works for. */
export interface EditorPage<Item, Input> {
  /** Null on "nuovo". */
  itemId: Signal<string | null>;
  /** Where an item's own page lives (`/ente/servizi`): a new item's page moves there once it exists. */
  itemPath: string;
  create: (organisationId: string, input: Input) => Observable<Item>;
  update: (id: string, input: Input) => Observable<Item>;
  /** Puts the item the server sent back on the page. */
  show: (item: Item) => void;
  formElement: Signal<ElementRef<HTMLFormElement> | undefined>;
  doneBox: Signal<ElementRef<HTMLElement> | undefined>;
}

/**
 * The buttons of a provider's editor page (a service, an event): one at a time, each saying what it
 * did in the page's status box or what went wrong in the form's alert. A refused form takes the person
 * to the first field to fix; a new item's page moves to the item's own address once it exists.
 * Created in a component's field initialiser (it injects the router and the current organisation).
 */
export class EditorActions<Item extends { id: string }, Input, Busy extends string, Done extends string> {
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly organisation = inject(ProviderOrganisation);

  readonly failure = signal<ApiError | null>(null);
  readonly done = signal<Done | null>(null);
  readonly busy = signal<Busy | null>(null);

  private saved: Item | null = null;

  constructor(private readonly page: EditorPage<Item, Input>) {}

  /** The item this page created or saved last: no need to ask the server for it again. */
  get justSaved(): Item | null {
    return this.saved;
  }

  /** Creates the item (on "nuovo") or saves the changes. */
  async store(input: Input): Promise<Item> {
    const id = this.page.itemId();
    if (id) return firstValueFrom(this.page.update(id, input));
    const organisationId = this.organisation.current()?.id;
    if (!organisationId) throw new ApiError('NO_ORGANISATION', 0, null);
    const created = await firstValueFrom(this.page.create(organisationId, input));
    this.saved = created;
    return created;
  }

  /**
   * Checks the form, then runs `action` with its value. A failure that names a field goes under it
   * (`serverFields` maps the request's names to the form's where they differ), any other to the alert.
   */
  async submitForm<Value extends object>(
    kind: Busy,
    form: FieldTree<Value>,
    action: (value: Value) => Promise<EditorOutcome<Item, Done>>,
    serverFields: (value: Value) => Readonly<Record<string, string>>,
  ): Promise<void> {
    if (this.busy()) return;
    this.failure.set(null);
    this.done.set(null);
    this.busy.set(kind);
    let outcome: EditorOutcome<Item, Done> | null = null;
    const valid = await submit(form, async (fields) => {
      const value = fields().value();
      try {
        outcome = await action(value);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error, serverFields(value));
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    this.busy.set(null);
    const result = outcome as EditorOutcome<Item, Done> | null;
    if (result) this.saved = result.item;
    // The item now exists (even if what followed the save failed): the page moves to its own address.
    // The route is the same, so this page stays, with its messages.
    if (!this.page.itemId() && this.saved) {
      await this.router.navigate([this.page.itemPath, this.saved.id], {
        queryParams: this.organisation.queryParams(),
        replaceUrl: true,
      });
    }
    if (valid && result) {
      this.page.show(result.item);
      this.announce(result.done);
    } else if (!this.failure()) {
      const formElement = this.page.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }

  /** A button that needs no form ("Archivia", "Annulla l'evento"). */
  async act(kind: Busy, action: () => Promise<EditorOutcome<Item, Done>>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.failure.set(null);
    this.done.set(null);
    try {
      const { item, done } = await action();
      this.page.show(item);
      this.announce(done);
    } catch (error) {
      this.failure.set(ApiError.from(error));
    } finally {
      this.busy.set(null);
    }
  }

  private announce(done: Done): void {
    this.done.set(done);
    afterNextRender(() => this.page.doneBox()?.nativeElement.focus(), { injector: this.injector });
  }
}
