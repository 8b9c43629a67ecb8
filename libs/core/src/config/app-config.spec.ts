import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('works with no variables at all, with local defaults', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/piazza');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
  });

  it('names the bad variable and its value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL=.*postgres:\/\//);
  });

  it('reports every bad variable at once', () => {
    const error = captureError(() => loadConfig({ PORT: '0', REDIS_URL: 'nope', LOG_LEVEL: 'loud' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split('=')[0])).toEqual([
      'PORT',
      'REDIS_URL',
      'LOG_LEVEL',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('accepts a plain-http SPID/CIE provider only on this machine', () => {
    expect(loadConfig({ OIDC_ISSUER_URL: 'http://127.0.0.1:4000' }).OIDC_ISSUER_URL).toBe(
      'http://127.0.0.1:4000',
    );
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'http://spid.regione.example' })).toThrow(
      /OIDC_ISSUER_URL=.*must use https:\/\//,
    );
    expect(loadConfig({}).OIDC_FISCAL_CODE_CLAIM).toBe('fiscal_number');
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
