/** The path segment of a service or an event not created yet: /ente/servizi/nuovo, /ente/eventi/nuovo. */
export const NEW_ITEM = 'nuovo';
