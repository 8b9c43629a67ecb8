import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { type Notice } from '../../api/vouchers-models';
import { WhenPipe } from '../../directory/when';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { LocalizedPipe } from '../../i18n/localized';
import { NoticeInbox } from '../notice-inbox';

/** "Avvisi": the person's notices, newest first, unread ones marked in words; mark one or all read. */
@Component({
  selector: 'pz-notice-list',
  imports: [RouterLink, TranslatePipe, FormAlert, LocalizedPipe, WhenPipe],
  templateUrl: './notice-list.html',
  styleUrl: './notice-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeList {
  protected readonly inbox = inject(NoticeInbox);
  private readonly router = inject(Router);

  protected readonly loading = signal(true);
  protected readonly failure = signal<ApiError | null>(null);
  protected readonly items = computed(() => this.inbox.inbox()?.items ?? []);

  constructor() {
    void this.inbox.refresh().finally(() => this.loading.set(false));
  }

  protected async markRead(notice: Notice): Promise<void> {
    this.failure.set(null);
    try {
      await this.inbox.markRead(notice.id);
    } catch (error) {
      this.failure.set(ApiError.from(error));
    }
  }

  protected async markAllRead(): Promise<void> {
    this.failure.set(null);
    try {
      await this.inbox.markAllRead();
    } catch (error) {
      this.failure.set(ApiError.from(error));
    }
  }

  /** Following a notice's link reads it. */
  protected async open(notice: Notice, event: Event): Promise<void> {
    if (!notice.link) return;
    event.preventDefault();
    if (!notice.readAt) void this.inbox.markRead(notice.id).catch(() => undefined);
    await this.router.navigateByUrl(notice.link);
  }
}
