/** The database name in a PostgreSQL URL, and the same server's maintenance database URL. */
export function parseDatabaseUrl(databaseUrl: string): { database: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  return { database, maintenanceUrl: maintenance.toString() };
}
