import { DataSource } from 'typeorm';
import { useTestApi } from '../support/test-api';

describe('API conventions', () => {
  const api = useTestApi();

  it('answers an unknown API route with a JSON 404 in Italian and English', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({
      code: 'NOT_FOUND',
      message: { it: expect.stringContaining('non esiste'), en: expect.stringContaining('does not exist') },
    });
  });

  it('names the bad field of an invalid request', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/catalogue/services?pageSize=1000' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'pageSize',
      message: { it: expect.stringContaining('pageSize'), en: expect.stringContaining('pageSize') },
    });
  });

  it('refuses unknown parameters instead of ignoring them', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/catalogue/services?colour=red' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'colour' });
  });

  it('gives every response a request id, and echoes a sane one from a proxy', async () => {
    const generated = await api.app.inject({ method: 'GET', url: '/api/settings' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await api.app.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { 'x-request-id': 'proxy-1234abcd' },
    });
    expect(echoed.headers['x-request-id']).toBe('proxy-1234abcd');
    const refused = await api.app.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { 'x-request-id': '<script>' },
    });
    expect(refused.headers['x-request-id']).not.toBe('<script>');
  });

  it('sends security headers', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/settings' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('publishes its OpenAPI document and the docs page', async () => {
    const json = await api.app.inject({ method: 'GET', url: '/api/docs-json' });
    expect(json.statusCode).toBe(200);
    const paths = Object.keys(json.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/health', '/api/settings', '/api/catalogue/services']),
    );
    const page = await api.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('answers an unexpected failure with a 500 that leaks nothing but the request id', async () => {
    // A real fault: the table the query needs has gone.
    await api.app.get(DataSource).query('ALTER TABLE category RENAME TO category_gone');
    try {
      const res = await api.app.inject({ method: 'GET', url: '/api/catalogue/families' });
      expect(res.statusCode).toBe(500);
      const body = res.json<{ code: string; requestId: string; message: { it: string; en: string } }>();
      expect(body.code).toBe('INTERNAL_ERROR');
      expect(body.requestId).toBe(res.headers['x-request-id']);
      expect(body.message.it).toContain(body.requestId);
      expect(res.body).not.toMatch(/category|relation|SELECT|QueryFailedError|at /);
    } finally {
      await api.app.get(DataSource).query('ALTER TABLE category_gone RENAME TO category');
    }
  });
});
