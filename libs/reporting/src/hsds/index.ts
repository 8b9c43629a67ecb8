import type { Provider } from '@nestjs/common';

/** Services of the HSDS export, registered by ReportingModule. */
export const HSDS_PROVIDERS: Provider[] = [];
