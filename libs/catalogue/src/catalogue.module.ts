import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Category } from './entities/category.entity';
import { ServiceOffer } from './entities/service-offer.entity';
import { SocialPoint } from './entities/social-point.entity';
import { CatalogueQueryService } from './services/catalogue-query.service';

/** Categories, services, Social Points and the public catalogue. */
@Module({
  imports: [TypeOrmModule.forFeature([Category, ServiceOffer, SocialPoint])],
  providers: [CatalogueQueryService],
  exports: [CatalogueQueryService],
})
export class CatalogueModule {}
