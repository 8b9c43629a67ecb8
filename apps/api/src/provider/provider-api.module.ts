import { Module } from '@nestjs/common';
import { CatalogueModule } from '@piazza/catalogue';
import { IdentityModule } from '@piazza/identity';
import { AdminCatalogueController } from './admin-catalogue.controller';
import { ProviderCatalogueController } from './provider-catalogue.controller';
import { ProviderOrganisationsController } from './provider-organisations.controller';

/** The provider back-office and the admin's moderation and taxonomy. */
@Module({
  imports: [CatalogueModule, IdentityModule],
  controllers: [ProviderOrganisationsController, ProviderCatalogueController, AdminCatalogueController],
})
export class ProviderApiModule {}
