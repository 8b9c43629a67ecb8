import type { Provider } from '@nestjs/common';
import { EventCalendarService } from './event-calendar.service';
import { EventDirectoryService } from './event-directory.service';
import { OrganisationDirectoryService } from './organisation-directory.service';
import { ShareCardService } from './share-card.service';
import { SocialPointDirectoryService } from './social-point-directory.service';

export * from './directory.types';
export { type CalendarFile, EventCalendarService } from './event-calendar.service';
export { EventDirectoryService } from './event-directory.service';
export { OrganisationDirectoryService } from './organisation-directory.service';
export { SHARED_PAGES, ShareCardService, type SharedPage } from './share-card.service';
export { SocialPointDirectoryService } from './social-point-directory.service';

/** Public pages of organisations, events, iCalendar feeds and Social Points. Registered by CatalogueModule. */
export const DIRECTORY_PROVIDERS: Provider[] = [
  EventDirectoryService,
  EventCalendarService,
  OrganisationDirectoryService,
  SocialPointDirectoryService,
  ShareCardService,
];
