import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../api/api-error';
import { type Credentials, type Me, type Role } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';

/** `unknown` until the server has said whether this browser has a session. */
export type SessionStatus = 'unknown' | 'anonymous' | 'signed-in';

/**
 * Who is signed in, for the whole app. Read once from `GET /api/auth/me` at start-up and kept up to
 * date by signing in and out here; the session itself is an HTTP-only cookie the app never sees.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(PiazzaApi);

  private readonly state = signal<{ status: SessionStatus; me: Me | null }>({ status: 'unknown', me: null });
  private readonly signOutFailed = signal(false);
  private readonly deleted = signal(false);
  private loading: Promise<void> | null = null;

  readonly status = computed(() => this.state().status);
  readonly me = computed(() => this.state().me);
  readonly signedIn = computed(() => this.state().status === 'signed-in');
  /** True after "Esci" failed: the session may still be open on the server and the user must know. */
  readonly logoutFailed = this.signOutFailed.asReadonly();
  /** True after the person deleted their account here, until they dismiss the notice or sign in again. */
  readonly accountDeleted = this.deleted.asReadonly();

  /** True when the person signed in has at least one of these roles. */
  hasRole(...roles: Role[]): boolean {
    return this.me()?.roles.some((role) => roles.includes(role)) ?? false;
  }

  /** Finds out who is signed in, once; later calls wait for the same answer. Never rejects. */
  load(): Promise<void> {
    this.loading ??= this.readMe();
    return this.loading;
  }

  /** Signs in; fails with the server's {@link ApiError} (wrong credentials, locked account…). */
  async login(credentials: Credentials): Promise<Me> {
    const me = await firstValueFrom(this.api.login(credentials));
    this.signedInAs(me);
    return me;
  }

  /** Another request opened the session and answered who it is for (first access with a letter). */
  signedInAs(me: Me): void {
    this.state.set({ status: 'signed-in', me });
    this.signOutFailed.set(false);
    this.deleted.set(false);
  }

  /** Asks the server again who is signed in, after something changed the account (a new role). */
  refresh(): Promise<void> {
    this.loading = this.readMe();
    return this.loading;
  }

  /** Ends this browser's session. Resolves false, and says so through {@link logoutFailed}, if it could not. */
  logout(): Promise<boolean> {
    return this.signOut(() => firstValueFrom(this.api.logout()));
  }

  /** Ends every session of the account, on every device. */
  logoutEverywhere(): Promise<boolean> {
    return this.signOut(() => firstValueFrom(this.api.logoutEverywhere()));
  }

  /** The server no longer knows the session (it expired, or was ended on another device). */
  expired(): void {
    this.state.set({ status: 'anonymous', me: null });
  }

  /** The account was deleted: the server ended the session with it. */
  accountWasDeleted(): void {
    this.state.set({ status: 'anonymous', me: null });
    this.deleted.set(true);
  }

  dismissLogoutFailure(): void {
    this.signOutFailed.set(false);
  }

  dismissAccountDeleted(): void {
    this.deleted.set(false);
  }

  private async readMe(): Promise<void> {
    try {
      const me = await firstValueFrom(this.api.me());
      this.state.set(me ? { status: 'signed-in', me } : { status: 'anonymous', me: null });
    } catch (error) {
      // Public pages work without knowing; pages that need a session will offer to sign in.
      console.warn('Piazza: could not read /api/auth/me, continuing as anonymous', error);
      this.state.set({ status: 'anonymous', me: null });
    }
  }

  private async signOut(request: () => Promise<void>): Promise<boolean> {
    this.signOutFailed.set(false);
    try {
      await request();
    } catch (error) {
      // A 401 means there was no session left to end: the outcome the user asked for.
      if (!(error instanceof ApiError && error.status === 401)) {
        console.warn('Piazza: sign-out failed', error);
        this.signOutFailed.set(true);
        return false;
      }
    }
    this.state.set({ status: 'anonymous', me: null });
    return true;
  }
}
