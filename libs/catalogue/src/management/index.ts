import type { Provider } from '@nestjs/common';
import { EventManagementService } from './event-management.service';
import { ManagementAccess } from './management-access';
import { ModerationService } from './moderation.service';
import { PlaceManagementService } from './place-management.service';
import { ProviderProfileService } from './provider-profile.service';
import { ServiceManagementService } from './service-management.service';
import { SlotManagementService } from './slot-management.service';
import { SocialPointSlotAdminService } from './social-point-slot-admin.service';
import { TaxonomyAdminService } from './taxonomy-admin.service';

export { EventManagementService } from './event-management.service';
export { LOGO_BOX_PIXELS, LOGO_MAX_BYTES } from './logo-image';
export { ManagementAccess } from './management-access';
export {
  OrganisationNotAccreditedError,
  SlotCapacityBelowBookedError,
  SlugTakenError,
  StatusConflictError,
  TermInUseError,
} from './management.errors';
export type {
  AdminCategory,
  AdminSocialPointSlot,
  AdminTaxonomy,
  AdminTerm,
  CategoryInput,
  EventInput,
  ModeratedService,
  ModerationItem,
  PlaceInput,
  ProfileInput,
  ProviderEvent,
  ProviderPlace,
  ProviderProfile,
  ProviderService,
  ProviderSlot,
  ServiceInput,
  SlotInput,
  SocialPointSlotsInput,
  TargetGroupInput,
  ThemeInput,
} from './management.types';
export { MAX_PRICE_CENTS } from './directory-input';
export { type ModerationDecision, ModerationService } from './moderation.service';
export { PlaceManagementService } from './place-management.service';
export { ProviderProfileService } from './provider-profile.service';
export { ServiceManagementService } from './service-management.service';
export { MAX_REPEAT_WEEKS, MAX_SLOT_CAPACITY, SlotManagementService } from './slot-management.service';
export { SocialPointSlotAdminService } from './social-point-slot-admin.service';
export { TaxonomyAdminService } from './taxonomy-admin.service';

/** The provider back-office (profile, logo, places, services, slots, events) and the admin's moderation and taxonomy. Registered by CatalogueModule. */
export const MANAGEMENT_PROVIDERS: Provider[] = [
  ManagementAccess,
  ProviderProfileService,
  PlaceManagementService,
  ServiceManagementService,
  SlotManagementService,
  EventManagementService,
  ModerationService,
  TaxonomyAdminService,
  SocialPointSlotAdminService,
];
