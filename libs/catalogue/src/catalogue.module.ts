import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Category } from './entities/category.entity';
import { ServiceOffer } from './entities/service-offer.entity';
import { SocialPoint } from './entities/social-point.entity';
import { CatalogueQueryService } from './services/catalogue-query.service';

/** Every entity of this library, for the module and for scripts that open their own DataSource. */
export const CATALOGUE_ENTITIES = [Category, ServiceOffer, SocialPoint];

/** Categories, services, Social Points and the public catalogue. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES)],
  providers: [CatalogueQueryService],
  exports: [CatalogueQueryService],
})
export class CatalogueModule {}
