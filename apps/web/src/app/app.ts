import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter } from 'rxjs';

import { Footer } from './layout/footer/footer';
import { Header } from './layout/header/header';
import { Session } from './session/session';
import { AmbitoSettings } from './settings/ambito-settings';

/** The shell every page shares: skip link, header, main landmark, footer. */
@Component({
  selector: 'pz-root',
  imports: [RouterOutlet, TranslatePipe, Header, Footer],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly settings = inject(AmbitoSettings);
  protected readonly settingsAlertDismissed = signal(false);
  protected readonly session = inject(Session);

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    this.moveFocusToMainOnPageChange();
  }

  /**
   * After a client-side navigation to another page, screen-reader and keyboard users would stay on
   * the link they followed; move them to the new page's content, as a full page load would.
   * A change of query parameters only (catalogue filters) is not a new page and keeps focus.
   */
  private moveFocusToMainOnPageChange(): void {
    const router = inject(Router);
    let previousPath: string | null = null;
    router.events
      .pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((event) => {
        const path = event.urlAfterRedirects.split(/[?#]/)[0];
        // A link to a fragment (/#aiuto) wants its target, not the top of the page.
        const hasFragment = event.urlAfterRedirects.includes('#');
        if (previousPath !== null && path !== previousPath && !hasFragment) {
          this.main().nativeElement.focus({ preventScroll: true });
        }
        previousPath = path;
      });
  }

  protected skipToMain(event: Event): void {
    // With <base href="/"> the browser would resolve "#main-content" to the home page; move focus here instead.
    event.preventDefault();
    const main = this.main().nativeElement;
    main.focus();
    main.scrollIntoView();
  }
}
