export * from './entities/ledger-account.entity';
export * from './entities/ledger-transfer.entity';
export * from './errors';
export * from './ledger.module';
export * from './services/ledger-verifier.service';
export * from './services/ledger.service';
