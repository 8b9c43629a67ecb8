import { type directoryIt } from './directory.it';

/** Public directory pages: catalogue search, map, service, organisation, events, Social Points. English. */
export const directoryEn: typeof directoryIt = {};
