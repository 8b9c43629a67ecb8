import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type ApiError } from '../../api/api-error';
import { LocalizedPipe } from '../../i18n/localized';

/**
 * Data a page needs could not be loaded: the server's own words when it gave some, else the page's
 * fallback text, and a button to try again.
 */
@Component({
  selector: 'pz-load-error',
  imports: [TranslatePipe, LocalizedPipe],
  template: `
    <div class="alert alert-danger">
      <p>
        @if (error().userMessage; as message) {
          {{ message | localized }}
        } @else {
          {{ fallbackKey() | translate }}
        }
      </p>
      <button type="button" class="btn btn-outline-primary btn-sm" (click)="retry.emit()">
        {{ 'profile.retry' | translate }}
      </button>
    </div>
  `,
  styles: ':host { display: block; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  readonly error = input.required<ApiError>();
  /** The i18n key of the page's own explanation, used when the server said nothing a person can read. */
  readonly fallbackKey = input.required<string>();
  readonly retry = output<void>();
}
