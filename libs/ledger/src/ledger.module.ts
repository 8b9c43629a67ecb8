import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerAccount } from './entities/ledger-account.entity';
import { LedgerTransfer } from './entities/ledger-transfer.entity';
import { LedgerVerifier } from './services/ledger-verifier.service';
import { LedgerService } from './services/ledger.service';

export const LEDGER_ENTITIES = [LedgerAccount, LedgerTransfer];

/** Accounts and append-only double-entry transfers in integer cents: where every euro moves. */
@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
  providers: [LedgerService, LedgerVerifier],
  exports: [LedgerService, LedgerVerifier],
})
export class LedgerModule {}
