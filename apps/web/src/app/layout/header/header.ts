import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
  ViewContainerRef,
} from '@angular/core';
import { Router, RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { LocalizedPipe } from '../../i18n/localized';
import { roleAreasFor } from '../../session/role-areas';
import { Session } from '../../session/session';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { eraseWalletOnSignOut } from '../../vouchers/wallet-storage';
import { Icon } from '../icon/icon';
import { LanguageSwitch } from '../language-switch/language-switch';

interface NavItem {
  path: string;
  label: string;
  exact: boolean;
}

/** Bootstrap Italia header: slim bar (owner, language, account), centre (brand, search), navbar. */
@Component({
  selector: 'pz-header',
  imports: [RouterLink, RouterLinkActive, TranslatePipe, LocalizedPipe, Icon, LanguageSwitch],
  templateUrl: './header.html',
  styleUrl: './header.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'closeMenu()' },
})
export class Header {
  protected readonly settings = inject(AmbitoSettings);
  protected readonly session = inject(Session);
  protected readonly menuOpen = signal(false);

  private readonly router = inject(Router);

  private readonly injector = inject(Injector);
  private readonly menuToggle = viewChild.required<ElementRef<HTMLButtonElement>>('menuToggle');
  private readonly menuClose = viewChild.required<ElementRef<HTMLButtonElement>>('menuClose');
  private readonly menuPanel = viewChild.required<ElementRef<HTMLElement>>('menuPanel');
  /** Where the notice bell goes: present only while someone is signed in. */
  private readonly noticeBellSlot = viewChild('noticeBell', { read: ViewContainerRef });
  /** Where the cart link goes: present only while a family is signed in. */
  private readonly cartLinkSlot = viewChild('cartLink', { read: ViewContainerRef });

  private readonly publicNavItems: NavItem[] = [
    { path: '/', label: 'nav.home', exact: true },
    { path: '/catalogo', label: 'nav.catalogue', exact: false },
    { path: '/eventi', label: 'directory.nav.events', exact: false },
    { path: '/enti', label: 'directory.nav.organisations', exact: false },
    { path: '/punti-sociali', label: 'directory.nav.socialPoints', exact: false },
    { path: '/buoni', label: 'nav.vouchers', exact: false },
    { path: '/operatori', label: 'nav.operators', exact: false },
  ];

  /**
   * Everyone's sections, then the work areas of the operator signed in. An operator has no voucher
   * wallet and is past the operators' landing page: their areas take those two places, so the bar
   * stays on one line.
   */
  protected readonly navItems = computed<NavItem[]>(() => {
    const roles = this.session.me()?.roles;
    const areas = roleAreasFor(roles);
    const hidden = areas.length ? ['/operatori', ...(roles?.includes('citizen') ? [] : ['/buoni'])] : [];
    return [
      ...this.publicNavItems.filter((item) => !hidden.includes(item.path)),
      // An area that holds another one's page (/ente and /ente/incassa) is current only on its own page.
      ...areas.map((area) => ({
        path: area.path,
        label: area.label,
        exact: areas.some((other) => other.path.startsWith(area.path + '/')),
      })),
    ];
  });

  constructor() {
    // The wallet kept for offline use must not outlive the session on a shared device.
    eraseWalletOnSignOut();
    this.loadNoticeBell();
    this.loadCartLink();
  }

  /**
   * The bell (with its polling and its API client) is code only signed-in people need: it is
   * fetched when the slot for it appears, not with the first page every visitor downloads.
   */
  private loadNoticeBell(): void {
    effect(() => {
      const slot = this.noticeBellSlot();
      if (!slot || slot.length) return;
      void import('../../notices/notice-bell/notice-bell').then(({ NoticeBell }) => {
        if (!slot.length) slot.createComponent(NoticeBell);
      });
    });
  }

  /** The cart link (with the cart's state and the commerce API client), fetched like the bell. */
  private loadCartLink(): void {
    effect(() => {
      const slot = this.cartLinkSlot();
      if (!slot || slot.length) return;
      void import('../../cart/cart-link/cart-link').then(({ CartLink }) => {
        if (!slot.length) slot.createComponent(CartLink);
      });
    });
  }

  protected openMenu(): void {
    this.menuOpen.set(true);
    // The close button can take focus only once the panel is rendered visible.
    afterNextRender(() => this.menuClose().nativeElement.focus(), { injector: this.injector });
  }

  protected closeMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    this.menuToggle().nativeElement.focus();
  }

  /** Tabbing out of the open panel closes it, so focus never wanders behind the overlay. */
  protected closeMenuIfFocusLeaves(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (this.menuOpen() && next instanceof Node && !this.menuPanel().nativeElement.contains(next)) {
      this.menuOpen.set(false);
    }
  }

  /** Signs out and goes to the home page; a failure is reported by the app shell's alert. */
  protected async logout(): Promise<void> {
    if (await this.session.logout()) await this.router.navigateByUrl('/');
  }

  /** Following a link closes the mobile panel without pulling focus back to the toggle. */
  protected onNavigate(): void {
    this.menuOpen.set(false);
  }
}
