import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '@piazza/ledger';
import { VoucherKeyring } from './codes/voucher-keyring.service';
import { Fund } from './entities/fund.entity';
import { MerchantSettlement } from './entities/merchant-settlement.entity';
import { VoucherAssignment } from './entities/voucher-assignment.entity';
import { VoucherKind } from './entities/voucher-kind.entity';
import { VoucherRedemption } from './entities/voucher-redemption.entity';
import { VoucherKeyRecord } from './entities/voucher-key.entity';
import { Voucher } from './entities/voucher.entity';
import { FundService } from './services/fund.service';
import { RedemptionService } from './services/redemption.service';
import { SettlementService } from './services/settlement.service';
import { VoucherAssignmentService } from './services/voucher-assignment.service';
import { VoucherIssuanceService } from './services/voucher-issuance.service';
import { VoucherKindService } from './services/voucher-kind.service';
import { VoucherLifecycleService } from './services/voucher-lifecycle.service';
import { VoucherQueryService } from './services/voucher-query.service';

/** Every entity of this library, for the module and for scripts that open their own DataSource. */
export const VOUCHER_ENTITIES = [
  Fund,
  VoucherKind,
  VoucherAssignment,
  Voucher,
  VoucherRedemption,
  MerchantSettlement,
  VoucherKeyRecord,
];

const PROVIDERS = [
  VoucherKeyring,
  FundService,
  VoucherKindService,
  VoucherAssignmentService,
  VoucherIssuanceService,
  VoucherQueryService,
  VoucherLifecycleService,
  RedemptionService,
  SettlementService,
];

/** Funds, voucher kinds and campaigns, assignment, issuance, wallet, redemption and settlements. */
@Module({
  imports: [TypeOrmModule.forFeature(VOUCHER_ENTITIES), LedgerModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class VouchersModule {}
