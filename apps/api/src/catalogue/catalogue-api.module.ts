import { Module } from '@nestjs/common';
import { CatalogueModule } from '@piazza/catalogue';
import { CatalogueController } from './catalogue.controller';

/** The public catalogue: taxonomy, search, map points, service pages. */
@Module({
  imports: [CatalogueModule],
  controllers: [CatalogueController],
})
export class CatalogueApiModule {}
