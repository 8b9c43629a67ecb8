import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../../api/api-error';
import { BackOfficeApi } from '../../../api/back-office-api';
import { type ModerationItem } from '../../../api/back-office-models';
import { LocalDatePipe } from '../../../i18n/local-date';
import { LocalizedPipe } from '../../../i18n/localized';
import { LoadError } from '../../../layout/load-error/load-error';
import { Session } from '../../../session/session';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a service has waited, as a translation key and its count ("in attesa da 2 giorni"). */
export function waitingTime(submittedAt: string | null, now: number): { key: string; count: number } {
  if (!submittedAt) return { key: 'backOffice.moderation.waiting.unknown', count: 0 };
  const days = Math.floor((now - new Date(submittedAt).getTime()) / DAY_MS);
  if (days < 1) return { key: 'backOffice.moderation.waiting.today', count: 0 };
  return {
    key: days === 1 ? 'backOffice.moderation.waiting.one' : 'backOffice.moderation.waiting.many',
    count: days,
  };
}

interface QueueRow extends ModerationItem {
  waiting: { key: string; count: number };
}

/**
 * "Moderazione": services waiting for the Ufficio di Piano's review before their first publication,
 * the longest waiting first; each opens on what families would read.
 */
@Component({
  selector: 'pz-moderation-queue',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, LocalDatePipe, LoadError],
  templateUrl: './moderation-queue.html',
  styleUrl: './moderation-queue.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModerationQueue {
  private readonly api = inject(BackOfficeApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly queue = rxResource({ stream: () => this.api.moderationQueue() });

  protected readonly rows = computed<QueueRow[]>(() => {
    const now = Date.now();
    return (this.queue.value() ?? []).map((item) => ({
      ...item,
      waiting: waitingTime(item.submittedAt, now),
    }));
  });

  protected readonly loadError = computed(() => {
    const error = this.queue.error();
    return error ? ApiError.from(error) : null;
  });

  constructor() {
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: '/amministrazione/moderazione' } });
      }
    });
  }
}
