import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, dataDir: '.data', apiWorkers: 1, sessionIdleMinutes: 30, argon2MemoryKib: 19456, secureCookies: false });
  });

  it('reads the environment', () => {
    expect(loadConfig({ PORT: '8080', API_WORKERS: '2', TRUST_PROXY: 'loopback', DATABASE_POOL_SIZE: '20' })).toMatchObject({ port: 8080, apiWorkers: 2, trustProxy: 'loopback', databasePoolSize: 20 });
  });

  it.each([
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
    [{ API_WORKERS: '0' }, /API_WORKERS/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ ARGON2_MEMORY_KIB: '512' }, /ARGON2_MEMORY_KIB/],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET is required/],
  ])('refuses %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('turns on Secure cookies in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).secureCookies).toBe(true);
  });
});
