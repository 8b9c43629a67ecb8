import { Module } from '@nestjs/common';
import { CatalogueModule } from '@piazza/catalogue';
import { ReportingModule } from '@piazza/reporting';
import { DirectoryOrganisationsController } from './directory-organisations.controller';
import { EventsController } from './events.controller';
import { HsdsController } from './hsds.controller';
import { SocialPointsController } from './social-points.controller';

/** Public organisation pages, events and iCalendar feeds, Social Points, the HSDS export. */
@Module({
  imports: [CatalogueModule, ReportingModule],
  controllers: [DirectoryOrganisationsController, EventsController, SocialPointsController, HsdsController],
})
export class DirectoryApiModule {}
