import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { type OrganisationKind } from '../../api/directory-models';
import { Pagination } from '../../catalogue/pagination/pagination';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { KIND_PARAMS, kindFromParam } from '../organisation-kinds';
import { describePage } from '../page-meta';

const PAGE_SIZE = 20;
const KINDS: OrganisationKind[] = ['cooperative', 'association', 'public_body', 'shop'];

/** "/enti": the accredited organisations, by name, kind and Comune (`?q=&tipo=&comune=&pagina=`). */
@Component({
  selector: 'pz-organisation-list',
  imports: [RouterLink, TranslatePipe, Icon, LoadError, Pagination],
  templateUrl: './organisation-list.html',
  styleUrl: './organisation-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationList {
  private readonly api = inject(DirectoryApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly settings = inject(AmbitoSettings);
  protected readonly kinds = KINDS;
  protected readonly kindParams = KIND_PARAMS;

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filters = computed(() => {
    const params = this.params();
    const page = Number(params.get('pagina'));
    return {
      q: (params.get('q') ?? '').trim(),
      kind: kindFromParam(params.get('tipo')),
      comune: params.get('comune') || null,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  });
  protected readonly draft = linkedSignal(() => this.filters().q);

  protected readonly organisations = rxResource({
    params: () => this.filters(),
    stream: ({ params }) =>
      this.api.organisations({
        q: params.q || undefined,
        kind: params.kind ?? undefined,
        comune: params.comune ?? undefined,
        page: params.page,
        pageSize: PAGE_SIZE,
      }),
  });
  protected readonly result = computed(() =>
    this.organisations.hasValue() ? this.organisations.value() : null,
  );
  protected readonly pageCount = computed(() => {
    const result = this.result();
    return result ? Math.max(1, Math.ceil(result.total / (result.pageSize || PAGE_SIZE))) : 0;
  });
  protected readonly loadError = computed(() => {
    const error = this.organisations.error();
    return error ? ApiError.from(error) : null;
  });

  constructor() {
    describePage('directory.meta.organisations');
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.apply({ q: this.draft().trim() || null });
  }

  protected apply(changes: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...changes, pagina: null },
      queryParamsHandling: 'merge',
    });
  }

  protected retry(): void {
    this.organisations.reload();
  }
}
