export * from './entities/organisation-member.entity';
export * from './entities/organisation.entity';
export * from './entities/user-account.entity';
export * from './identity.module';
export * from './services/password.service';
