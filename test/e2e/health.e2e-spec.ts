import { freePort, PrivateRedis } from '../support/redis-server';
import { createTestApi, useTestApi } from '../support/test-api';

describe('GET /api/health', () => {
  const api = useTestApi();

  it('reports PostgreSQL and Redis ok', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, redis: { status: 'ok' } },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('says which service is down, with a 503, without hanging', async () => {
    const broken = await createTestApi(api.env.with({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }));
    try {
      const started = Date.now();
      const res = await broken.inject({ method: 'GET', url: '/api/health' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'degraded',
        checks: { postgres: { status: 'ok' }, redis: { status: 'down' } },
      });
    } finally {
      await broken.close();
    }
  });

  it('reports Redis ok again as soon as it is back', async () => {
    const redis = await PrivateRedis.start();
    const app = await createTestApi(api.env.with({ REDIS_URL: redis.url }));
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      await redis.down();
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(503);
      await redis.up();
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
        status: 'ok',
      });
    } finally {
      await app.close();
      await redis.down();
    }
  });
});
