import { computed, inject, Injectable } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { ApiError } from '../api/api-error';
import { BackOfficeApi } from '../api/back-office-api';
import { DirectoryApi } from '../api/directory-api';
import { type LocalizedText } from '../api/models';

/**
 * The public category tree, themes and target groups, read once for the back-office pages
 * (provided by the provider routes).
 */
@Injectable()
export class TaxonomySource {
  private readonly api = inject(BackOfficeApi);
  private readonly directory = inject(DirectoryApi);

  readonly taxonomy = rxResource({ stream: () => this.directory.taxonomy() });

  readonly loadError = computed(() => {
    const error = this.taxonomy.error();
    return error ? ApiError.from(error) : null;
  });

  /** Every subcategory by slug, with its family. */
  private readonly categories = computed(() => {
    const byslug = new Map<string, { family: string; name: LocalizedText }>();
    for (const family of this.taxonomy.value()?.families ?? []) {
      for (const category of family.categories)
        byslug.set(category.slug, { family: family.slug, name: category.name });
    }
    return byslug;
  });

  categoryName(slug: string): LocalizedText | null {
    return this.categories().get(slug)?.name ?? null;
  }

  familyOf(categorySlug: string): string | null {
    return this.categories().get(categorySlug)?.family ?? null;
  }
}
