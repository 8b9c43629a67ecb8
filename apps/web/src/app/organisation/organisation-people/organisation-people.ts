import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { InvitePerson } from '../invite-person/invite-person';
import { LoadError } from '../../layout/load-error/load-error';

/** The people of one organisation, and for its owners the form to invite someone. */
@Component({
  selector: 'pz-organisation-people',
  imports: [LoadError, TranslatePipe, InvitePerson],
  templateUrl: './organisation-people.html',
  styleUrl: './organisation-people.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationPeople {
  private readonly api = inject(PiazzaApi);

  readonly organisationId = input.required<string>();
  readonly organisationName = input.required<string>();
  readonly canInvite = input(false);

  protected readonly members = rxResource({
    params: () => this.organisationId(),
    stream: ({ params: id }) => this.api.organisationMembers(id),
  });

  protected readonly loadError = computed(() => {
    const error = this.members.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly headingId = computed(() => `people-${this.organisationId()}`);

  protected retry(): void {
    this.members.reload();
  }
}
