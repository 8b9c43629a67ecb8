import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  type ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type LocalizedText } from '../../api/models';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';

type Busy = 'uploading' | 'removing' | null;

/**
 * The organisation's logo: the current one, a file to replace it (previewed before it is sent) and
 * a button to remove it. The server checks the image (type by content, size) and says what is wrong.
 */
@Component({
  selector: 'pz-logo-upload',
  imports: [TranslatePipe, LocalizedPipe, Icon],
  templateUrl: './logo-upload.html',
  styleUrl: './logo-upload.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogoUpload {
  private readonly api = inject(BackOfficeApi);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  readonly organisationId = input.required<string>();
  readonly organisationName = input.required<string>();
  readonly logoUrl = input.required<string | null>();
  /** The new logo's address, or null once removed. */
  readonly changed = output<string | null>();

  protected readonly file = signal<File | null>(null);
  protected readonly preview = signal<string | null>(null);
  protected readonly busy = signal<Busy>(null);
  /** What went wrong, in the server's words when it gave some. */
  protected readonly problem = signal<{ text: LocalizedText } | { key: string } | null>(null);
  protected readonly done = signal<string | null>(null);

  protected readonly hasFile = computed(() => this.file() !== null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.revokePreview());
  }

  protected chooseFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.problem.set(null);
    this.done.set(null);
    this.file.set(file);
    this.revokePreview();
    this.preview.set(file ? URL.createObjectURL(file) : null);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (this.busy()) return;
    if (!file) {
      this.problem.set({ key: 'backOffice.logo.chooseFirst' });
      this.fileInput().nativeElement.focus();
      return;
    }
    this.busy.set('uploading');
    this.problem.set(null);
    this.done.set(null);
    try {
      const profile = await firstValueFrom(this.api.uploadLogo(this.organisationId(), file));
      this.changed.emit(profile.logoUrl);
      this.file.set(null);
      this.revokePreview();
      this.fileInput().nativeElement.value = '';
      this.done.set('backOffice.logo.uploaded');
    } catch (error) {
      this.problem.set(problemOf(error));
      this.fileInput().nativeElement.focus();
    } finally {
      this.busy.set(null);
    }
  }

  protected async remove(): Promise<void> {
    if (this.busy()) return;
    this.busy.set('removing');
    this.problem.set(null);
    this.done.set(null);
    try {
      await firstValueFrom(this.api.removeLogo(this.organisationId()));
      this.changed.emit(null);
      this.done.set('backOffice.logo.removed');
    } catch (error) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(null);
    }
  }

  private revokePreview(): void {
    const preview = this.preview();
    if (preview) URL.revokeObjectURL(preview);
    this.preview.set(null);
  }
}

/** The server's words about the file ("too large", "not an image") rather than the whole request's. */
function problemOf(error: unknown): { text: LocalizedText } | { key: string } {
  const apiError = ApiError.from(error);
  const own = apiError.details.find((detail) => detail.field === apiError.field);
  if (own) return { text: { it: capitalise(own.message.it), en: capitalise(own.message.en) } };
  if (apiError.userMessage) return { text: apiError.userMessage };
  return { key: apiError.status === 0 ? 'forms.networkError' : 'forms.unexpectedError' };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
