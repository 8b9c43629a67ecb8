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
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { type AccreditationStatus as Status, type Organisation } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { AccreditationStatus } from '../../organisation/accreditation-status/accreditation-status';
import { OrganisationDetails } from '../../organisation/organisation-details/organisation-details';
import { Session } from '../../session/session';
import { AccreditationDecision } from '../accreditation-decision/accreditation-decision';
import { LoadError } from '../../layout/load-error/load-error';

/** The `stato` query parameter, in Italian as the address bar shows it. */
const STATUS_PARAMS: Record<string, Status> = {
  'in-attesa': 'pending',
  accreditati: 'accredited',
  respinti: 'rejected',
};

interface StatusTab {
  status: Status;
  param: string;
  label: string;
}

/**
 * "Accreditamenti": the Ambito office's queue of organisations waiting for accreditation, and those
 * already accredited or rejected. Each decision moves the organisation to the other list and is
 * announced in a polite live region.
 */
@Component({
  selector: 'pz-accreditation-queue',
  imports: [
    LoadError,
    RouterLink,
    TranslatePipe,
    AccreditationStatus,
    OrganisationDetails,
    AccreditationDecision,
  ],
  templateUrl: './accreditation-queue.html',
  styleUrl: './accreditation-queue.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccreditationQueue {
  private readonly api = inject(PiazzaApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly resultsHeading = viewChild<ElementRef<HTMLElement>>('resultsHeading');

  protected readonly tabs: StatusTab[] = Object.entries(STATUS_PARAMS).map(([param, status]) => ({
    status,
    param,
    label: `accreditationQueue.tabs.${status}`,
  }));

  protected readonly status = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => STATUS_PARAMS[params.get('stato') ?? ''] ?? 'pending'),
    ),
    { requireSync: true },
  );

  protected readonly organisations = rxResource({
    params: () => this.status(),
    stream: ({ params: status }) => this.api.accreditationQueue(status),
  });

  protected readonly loadError = computed(() => {
    const error = this.organisations.error();
    return error ? ApiError.from(error) : null;
  });

  /** What the last decision did, for the live region. */
  protected readonly announcement = signal<{ key: string; name: string } | null>(null);

  constructor() {
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], {
          queryParams: { ritorno: '/amministrazione/accreditamenti' },
        });
      }
    });
  }

  /**
   * The organisation leaves the list it was in; focus, which was on the button that just went away,
   * goes to the list's heading, and the live region says what happened.
   */
  protected decided(organisation: Organisation): void {
    this.organisations.update((list) =>
      list
        ?.map((item) => (item.id === organisation.id ? organisation : item))
        .filter((item) => item.accreditationStatus === this.status()),
    );
    this.announcement.set({
      key: `accreditationQueue.decided.${organisation.accreditationStatus}`,
      name: organisation.name,
    });
    afterNextRender(() => this.resultsHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected retry(): void {
    this.organisations.reload();
  }
}
