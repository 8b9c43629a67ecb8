import { Module } from '@nestjs/common';
import { HSDS_PROVIDERS } from './hsds';

/** Indicators and exports: the Open Referral HSDS directory, later the public dashboard. */
@Module({
  providers: [...HSDS_PROVIDERS],
  exports: [...HSDS_PROVIDERS],
})
export class ReportingModule {}
