export * from './catalogue.module';
export * from './entities/category.entity';
export * from './entities/service-offer.entity';
export * from './entities/social-point.entity';
export * from './services/catalogue-query.service';
