import {
  computed,
  type DestroyRef,
  DOCUMENT,
  effect,
  inject,
  Injectable,
  Injector,
  signal,
} from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../api/api-error';
import type { VouchersApi } from '../api/vouchers-api';
import { type NoticeInbox as Inbox } from '../api/vouchers-models';
import { Session } from '../session/session';

/** How often the unread count is asked again while the tab is visible. */
const POLL_MS = 60_000;

/**
 * The signed-in person's in-app notices (a voucher issued, a voucher spent…) and how many are
 * unread, for the header's bell and the "Avvisi" page. Asked again every minute, only while someone
 * is signed in and the tab is visible; once more as soon as a hidden tab comes back, if due.
 */
@Injectable({ providedIn: 'root' })
export class NoticeInbox {
  private readonly injector = inject(Injector);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);

  private readonly state = signal<Inbox | null>(null);
  /** False once the server said this account has no inbox (an operator): no more asking. */
  private readonly hasInbox = signal(true);
  private lastAsked = 0;
  private client: Promise<VouchersApi> | null = null;
  private started = false;

  readonly inbox = this.state.asReadonly();
  readonly unread = computed(() => this.state()?.unread ?? 0);
  /** Whether the bell has something to stand for. */
  readonly available = computed(() => this.session.signedIn() && this.hasInbox());

  /**
   * Starts following the session, for as long as the caller lives (the header's bell, shown while
   * someone is signed in). Call it from an injection context.
   */
  start(destroyRef: DestroyRef): void {
    if (this.started) return;
    this.started = true;
    effect(() => {
      if (this.session.signedIn()) {
        this.hasInbox.set(true);
        void this.refresh();
      } else {
        this.state.set(null);
      }
    });
    const timer = setInterval(() => this.refreshIfDue(), POLL_MS);
    const onVisibility = () => this.refreshIfDue();
    this.document.addEventListener('visibilitychange', onVisibility);
    destroyRef.onDestroy(() => {
      clearInterval(timer);
      this.document.removeEventListener('visibilitychange', onVisibility);
      this.started = false;
      // The next person to sign in here must not see this one's count, even for a moment.
      this.state.set(null);
    });
  }

  /** Asks the server now. Never rejects: a failed poll keeps what was there. */
  async refresh(): Promise<void> {
    this.lastAsked = Date.now();
    try {
      const api = await this.api();
      this.state.set(await firstValueFrom(api.notices()));
    } catch (error) {
      const status = ApiError.from(error).status;
      if (status === 403 || status === 404) this.hasInbox.set(false);
      if (status === 401 && this.session.signedIn()) this.session.expired();
    }
  }

  async markRead(noticeId: string): Promise<void> {
    await firstValueFrom((await this.api()).markNoticeRead(noticeId));
    this.state.update((inbox) => {
      if (!inbox) return inbox;
      const now = new Date().toISOString();
      let unread = inbox.unread;
      const items = inbox.items.map((item) => {
        if (item.id !== noticeId || item.readAt) return item;
        unread = Math.max(0, unread - 1);
        return { ...item, readAt: now };
      });
      return { unread, items };
    });
  }

  async markAllRead(): Promise<void> {
    await firstValueFrom((await this.api()).markAllNoticesRead());
    const now = new Date().toISOString();
    this.state.update((inbox) =>
      inbox
        ? { unread: 0, items: inbox.items.map((item) => ({ ...item, readAt: item.readAt ?? now })) }
        : inbox,
    );
  }

  /**
   * The API client, loaded with the first call: the header (and so this service) is in the first
   * download every visitor pays for, the client of every voucher call is not.
   */
  private api(): Promise<VouchersApi> {
    this.client ??= import('../api/vouchers-api').then((module) => this.injector.get(module.VouchersApi));
    return this.client;
  }

  private refreshIfDue(): void {
    if (this.document.visibilityState !== 'visible' || !this.available()) return;
    if (Date.now() - this.lastAsked >= POLL_MS - 1000) void this.refresh();
  }
}
