import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueEvent } from './entities/catalogue-event.entity';
import { Category } from './entities/category.entity';
import { OrganisationLogo } from './entities/organisation-logo.entity';
import { Place } from './entities/place.entity';
import { ServiceOffer } from './entities/service-offer.entity';
import { ServiceSlot } from './entities/service-slot.entity';
import { SocialPointSlot } from './entities/social-point-slot.entity';
import { SocialPoint } from './entities/social-point.entity';
import { TargetGroup } from './entities/target-group.entity';
import { Theme } from './entities/theme.entity';
import { DIRECTORY_PROVIDERS } from './directory';
import { MANAGEMENT_PROVIDERS } from './management';
import { SEARCH_PROVIDERS } from './search';
import { CatalogueQueryService } from './services/catalogue-query.service';

/** Every entity of this library, for the module and for scripts that open their own DataSource. */
export const CATALOGUE_ENTITIES = [
  Category,
  Theme,
  TargetGroup,
  Place,
  ServiceOffer,
  ServiceSlot,
  CatalogueEvent,
  SocialPoint,
  SocialPointSlot,
  OrganisationLogo,
];

/** Categories, themes, services, places, slots, events, Social Points and the public catalogue. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES)],
  providers: [CatalogueQueryService, ...SEARCH_PROVIDERS, ...DIRECTORY_PROVIDERS, ...MANAGEMENT_PROVIDERS],
  exports: [CatalogueQueryService, ...SEARCH_PROVIDERS, ...DIRECTORY_PROVIDERS, ...MANAGEMENT_PROVIDERS],
})
export class CatalogueModule {}
