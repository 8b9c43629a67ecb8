import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type Params, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';

/** Page links shown on each side of the current page. */
const PAGE_WINDOW = 2;

/**
 * Bootstrap Italia pagination as links that change one query parameter (`pagina` by default) and
 * keep the others, so every page of results has its own address.
 */
@Component({
  selector: 'pz-pagination',
  imports: [RouterLink, TranslatePipe, Icon],
  templateUrl: './pagination.html',
  styleUrl: './pagination.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Pagination {
  readonly page = input.required<number>();
  readonly pageCount = input.required<number>();
  /** The accessible name of the navigation landmark. */
  readonly label = input.required<string>();
  readonly param = input('pagina');

  protected readonly links = computed(() => {
    const count = this.pageCount();
    const current = this.page();
    const from = Math.max(1, current - PAGE_WINDOW);
    const to = Math.min(count, current + PAGE_WINDOW);
    const pages: number[] = [];
    if (from > 1) pages.push(1);
    for (let n = from; n <= to; n++) pages.push(n);
    if (to < count) pages.push(count);
    return pages;
  });

  protected params(page: number): Params {
    return { [this.param()]: page > 1 ? page : null };
  }

  /** A gap in the page numbers is shown before a page that does not follow the previous one. */
  protected gapBefore(index: number): boolean {
    const links = this.links();
    return index > 0 && links[index] - links[index - 1] > 1;
  }
}
