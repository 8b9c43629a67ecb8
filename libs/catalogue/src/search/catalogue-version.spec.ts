import type { DataSource, QueryRunner } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { CATALOGUE_READ, CatalogueVersion } from './catalogue-version';

describe(CatalogueVersion.name, () => {
  let committed = '5';
  let reads = 0;
  let versions: CatalogueVersion;
  // Nothing listens on port 1: the listener never connects, so every request reads the version.
  const dataSource = {
    subscribers: [],
    options: { type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none', connectTimeoutMS: 500 },
    createQueryRunner: () => ({
      data: {},
      query: async () => {
        reads++;
        return [{ version: committed }];
      },
      release: async () => undefined,
    }),
  } as unknown as DataSource;
  const ran = (query: string, runner?: Partial<QueryRunner>) =>
    versions.afterQuery({ query, queryRunner: runner } as AfterQueryEvent);

  beforeEach(() => {
    committed = '5';
    reads = 0;
    versions = new CatalogueVersion(dataSource);
  });
  afterEach(() => versions.onModuleDestroy());

  it('reads the version per request while it cannot listen', async () => {
    expect(await versions.current()).toEqual({ version: '5', floor: '0' });
    committed = '6';
    expect(await versions.current()).toEqual({ version: '6', floor: '0' });
    expect(reads).toBe(2);
    expect(versions.isListening).toBe(false);
  });

  it('makes the version read after a write of this process the floor', async () => {
    await versions.current();
    ran(`SELECT * FROM service_offer WHERE updated_at > now()`);
    ran(`WITH x AS (SELECT 1) SELECT * FROM x`);
    expect(await versions.current()).toEqual({ version: '5', floor: '0' });

    committed = '7';
    ran(`UPDATE service_offer SET title = 'x'`);
    expect(await versions.current()).toEqual({ version: '7', floor: '7' });

    committed = '8';
    ran(`WITH moved AS (DELETE FROM service_offer_theme RETURNING 1) SELECT count(*) FROM moved`);
    expect(await versions.current()).toEqual({ version: '8', floor: '8' });

    committed = '9';
    ran('COMMIT');
    expect(await versions.current()).toEqual({ version: '9', floor: '9' });
  });

  it("does not count the catalogue's own reads as writes", async () => {
    await versions.current();
    committed = '6';
    ran('START TRANSACTION ISOLATION LEVEL REPEATABLE READ', { data: { [CATALOGUE_READ]: true } });
    ran('COMMIT', { data: { [CATALOGUE_READ]: true } });
    expect(await versions.current()).toEqual({ version: '6', floor: '0' });
  });

  it('keeps the floor where the last write of this process left it', async () => {
    ran(`INSERT INTO service_offer DEFAULT VALUES`);
    expect(await versions.current()).toEqual({ version: '5', floor: '5' });
    // Another process's change: newer, but nothing this process must wait for.
    committed = '6';
    expect(await versions.current()).toEqual({ version: '6', floor: '5' });
  });
});
