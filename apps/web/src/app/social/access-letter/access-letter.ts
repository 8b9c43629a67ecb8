import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  DOCUMENT,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { Icon } from '../../layout/icon/icon';

/**
 * "Stampa lettera di accesso": a new one-time code for the head of household, as a PDF letter to
 * print and hand over. Every letter replaces the one before, so the button says so before it is
 * pressed. The PDF opens in a new tab; its link stays on the page in case the browser blocked that.
 */
@Component({
  selector: 'pz-access-letter',
  imports: [TranslatePipe, FormAlert, Icon],
  templateUrl: './access-letter.html',
  styleUrl: './access-letter.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessLetter {
  private readonly api = inject(PiazzaApi);
  private readonly window = inject(DOCUMENT).defaultView;

  readonly householdId = input.required<string>();

  protected readonly printing = signal(false);
  protected readonly failure = signal<ApiError | null>(null);
  /** An object URL of the last letter printed here: it lives until the page is left. */
  protected readonly letterUrl = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.revoke());
  }

  protected async print(): Promise<void> {
    if (this.printing()) return;
    this.printing.set(true);
    this.failure.set(null);
    try {
      const pdf = await firstValueFrom(this.api.accessLetter(this.householdId()));
      this.revoke();
      const url = URL.createObjectURL(pdf);
      this.letterUrl.set(url);
      this.window?.open(url, '_blank', 'noopener');
    } catch (error) {
      this.failure.set(ApiError.from(error));
    } finally {
      this.printing.set(false);
    }
  }

  private revoke(): void {
    const url = this.letterUrl();
    if (url) URL.revokeObjectURL(url);
    this.letterUrl.set(null);
  }
}
