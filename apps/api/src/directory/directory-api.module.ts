import { Module } from '@nestjs/common';
import { CatalogueModule } from '@piazza/catalogue';
import { ReportingModule } from '@piazza/reporting';

/** Public organisation pages, events and iCalendar feeds, Social Points, the HSDS export. */
@Module({
  imports: [CatalogueModule, ReportingModule],
  controllers: [],
})
export class DirectoryApiModule {}
