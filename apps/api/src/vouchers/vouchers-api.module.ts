import { Module } from '@nestjs/common';
import { VouchersModule } from '@piazza/vouchers';
import { AdminVouchersController } from './admin-vouchers.controller';
import { PublicVouchersController } from './public-vouchers.controller';
import { SocialVouchersController } from './social-vouchers.controller';
import { WalletController } from './wallet.controller';

/** Funds and kinds (admin), assignment (social workers), the wallet (families), keys and campaigns. */
@Module({
  imports: [VouchersModule],
  controllers: [
    AdminVouchersController,
    SocialVouchersController,
    WalletController,
    PublicVouchersController,
  ],
})
export class VouchersApiModule {}
