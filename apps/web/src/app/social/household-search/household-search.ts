import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { Icon } from '../../layout/icon/icon';
import { Session } from '../../session/session';
import { LoadError } from '../../layout/load-error/load-error';

/**
 * "Nuclei familiari": the households of the social worker's Comuni, searched by a member's name or
 * fiscal code. The search is in the address (`?q=`), so it survives a reload and the back button.
 */
@Component({
  selector: 'pz-household-search',
  imports: [LoadError, RouterLink, TranslatePipe, Icon],
  templateUrl: './household-search.html',
  styleUrl: './household-search.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HouseholdSearch {
  private readonly api = inject(PiazzaApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(Session);

  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(map((params) => params.get('q')?.trim() ?? '')),
    {
      requireSync: true,
    },
  );
  /** What is in the search box; it follows the address when that changes (back button). */
  protected readonly draft = linkedSignal(() => this.query());

  protected readonly households = rxResource({
    params: () => ({ q: this.query() }),
    stream: ({ params }) => this.api.searchHouseholds(params.q),
  });

  protected readonly loadError = computed(() => {
    const error = this.households.error();
    return error ? ApiError.from(error) : null;
  });

  constructor() {
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: '/servizi-sociali/nuclei' } });
      }
    });
  }

  protected search(event: Event): void {
    event.preventDefault();
    const q = this.draft().trim();
    void this.router.navigate([], { relativeTo: this.route, queryParams: { q: q || null } });
  }

  protected updateDraft(event: Event): void {
    this.draft.set((event.target as HTMLInputElement).value);
  }

  protected retry(): void {
    this.households.reload();
  }
}
