import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { NoticeInbox } from '../notice-inbox';

/**
 * The header's bell: a link to "Avvisi" with the number of unread notices. Its accessible name says
 * the number in words ("3 avvisi non letti"); the badge repeats it for the eye.
 */
@Component({
  selector: 'pz-notice-bell',
  imports: [RouterLink, TranslatePipe],
  template: `
    @if (inbox.available()) {
      <a
        class="bell"
        routerLink="/avvisi"
        data-testid="notice-bell"
        [attr.aria-label]="label() | translate: { count: unread() }"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
          />
        </svg>
        @if (unread()) {
          <span class="count" aria-hidden="true">{{ unread() > 99 ? '99+' : unread() }}</span>
        }
      </a>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .bell {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 44px;
      min-height: 44px;
      color: var(--pz-on-primary-dark);
    }
    .bell svg {
      width: 24px;
      height: 24px;
      fill: currentColor;
    }
    .bell:focus-visible {
      outline: 3px solid #f90;
      outline-offset: 2px;
    }
    .count {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 1.25rem;
      padding: 0 0.25rem;
      border-radius: 999px;
      background: #fff;
      color: #a61e33;
      border: 2px solid #a61e33;
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 1.1rem;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeBell {
  protected readonly inbox = inject(NoticeInbox);
  protected readonly unread = this.inbox.unread;
  protected readonly label = computed(() => {
    const unread = this.unread();
    return unread === 0
      ? 'vouchers.notices.bellNone'
      : unread === 1
        ? 'vouchers.notices.bellOne'
        : 'vouchers.notices.bellMany';
  });

  constructor() {
    this.inbox.start(inject(DestroyRef));
  }
}
