import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** What a directory page shows for an address that leads nowhere (404): what happened, where to go. */
@Component({
  selector: 'pz-missing',
  imports: [RouterLink, TranslatePipe],
  template: `
    <div class="container py-4 py-lg-5">
      <h1>{{ titleKey() | translate }}</h1>
      <p class="pz-lead">{{ textKey() | translate }}</p>
      <a class="btn btn-primary" [routerLink]="backLink()">{{ backKey() | translate }}</a>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Missing {
  readonly titleKey = input.required<string>();
  readonly textKey = input.required<string>();
  readonly backLink = input.required<string>();
  readonly backKey = input.required<string>();
}
