import type { Provider } from '@nestjs/common';
import { HsdsSourceService } from './hsds-source.service';
import { HsdsService } from './hsds.service';

export { hsdsId } from './hsds-id';
export { ambitoOrganizationId, seatLocationId, serviceAtLocationId, taxonomyId } from './hsds-objects';
export { type HsdsServiceDetail, HsdsService, type HsdsTermFilter } from './hsds.service';
export * from './hsds.types';

/** Services of the HSDS export, registered by ReportingModule. */
export const HSDS_PROVIDERS: Provider[] = [HsdsSourceService, HsdsService];
