/** Public directory pages: catalogue search, map, service, organisation, events, Social Points. Italian, the reference: directory.en.ts must have the same keys. */
export const directoryIt = {};
