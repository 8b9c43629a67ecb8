import { Module } from '@nestjs/common';
import { VouchersModule } from '@piazza/vouchers';
import { AdminSettlementsController } from './admin-settlements.controller';
import { MerchantController } from './merchant.controller';

/** Shops taking vouchers (merchants) and the admin's settlements with the shops. */
@Module({
  imports: [VouchersModule],
  controllers: [MerchantController, AdminSettlementsController],
})
export class MerchantApiModule {}
