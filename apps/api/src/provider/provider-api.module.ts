import { Module } from '@nestjs/common';
import { CatalogueModule } from '@piazza/catalogue';
import { IdentityModule } from '@piazza/identity';

/** The provider back-office and the admin's moderation and taxonomy. */
@Module({
  imports: [CatalogueModule, IdentityModule],
  controllers: [],
})
export class ProviderApiModule {}
