import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('gives a working development setup with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', redisUrl: undefined, publicBaseUrl: 'http://localhost:3000', logLevel: 'info' });
    expect(config.generatedCredentials).toBe(true);
    expect(config.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(config.authToken).toHaveLength(32);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.outboundAllowPrivate)).toBe(true);
    expect(config).toMatchObject({ validateSignatures: true, listenWindowSeconds: 14400, voiceListenWindowSeconds: 60 });
  });

  it('reads the channel settings', () => {
    const config = loadConfig({ TWILIO_VALIDATE_SIGNATURES: 'false', PARLEY_LISTEN_WINDOW_SECONDS: '600', PARLEY_VOICE_LISTEN_WINDOW_SECONDS: '120' });
    expect(config).toMatchObject({ validateSignatures: false, listenWindowSeconds: 600, voiceListenWindowSeconds: 120 });
  });

  it('takes an empty REDIS_KEY_PREFIX as unset (the default prefix), never as the bare keyspace', () => {
    expect(loadConfig({ REDIS_KEY_PREFIX: '' }).redisKeyPrefix).toBe('parley:');
    expect(loadConfig({ REDIS_KEY_PREFIX: '  ' }).redisKeyPrefix).toBe('parley:');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'tenant-a:' }).redisKeyPrefix).toBe('tenant-a:');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '127.0.0.1', REDIS_URL: 'rediss://user:pw@redis.example:6380/2',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', TWILIO_AUTH_TOKEN: 'secret-token',
      PUBLIC_BASE_URL: 'https://bots.example.com/', OUTBOUND_ALLOW_PRIVATE: '127.0.0.1, 10.0.0.0/8,', LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({
      port: 8080, host: '127.0.0.1', redisUrl: 'rediss://user:pw@redis.example:6380/2', generatedCredentials: false,
      publicBaseUrl: 'https://bots.example.com', outboundAllowPrivate: ['127.0.0.1', '10.0.0.0/8'], logLevel: 'debug',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '0x1F91' }, 'PORT'],
    [{ PORT: '1e3' }, 'PORT'],
    [{ PORT: '80.0' }, 'PORT'],
    [{ OUTBOUND_ALLOW_PRIVATE: '10.0.0.0/99' }, 'OUTBOUND_ALLOW_PRIVATE'],
    [{ OUTBOUND_ALLOW_PRIVATE: 'localhost, garbage/8' }, 'OUTBOUND_ALLOW_PRIVATE'],
    [{ OUTBOUND_ALLOW_PRIVATE: '999.1.1.1' }, 'OUTBOUND_ALLOW_PRIVATE'],
    // Shorthand IPv4 that ipaddr.js reads as something else ("10.1" is 10.0.0.1).
    [{ OUTBOUND_ALLOW_PRIVATE: '10.1' }, 'OUTBOUND_ALLOW_PRIVATE'],
    [{ OUTBOUND_ALLOW_PRIVATE: '0x7f.1' }, 'OUTBOUND_ALLOW_PRIVATE'],
    [{ OUTBOUND_ALLOW_PRIVATE: '10.1/8' }, 'OUTBOUND_ALLOW_PRIVATE'],
    [{ REDIS_URL: 'redis://127.0.0.1:6379/abc' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef' }, 'TWILIO_AUTH_TOKEN'],
    [{ TWILIO_AUTH_TOKEN: 'secret-token' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: 'UA0123456789abcdef0123456789abcdef', TWILIO_AUTH_TOKEN: 'secret-token' }, 'TWILIO_ACCOUNT_SID'],
    [{ PUBLIC_BASE_URL: 'ftp://example.com' }, 'PUBLIC_BASE_URL'],
    [{ PUBLIC_BASE_URL: 'https://example.com/?x=1' }, 'PUBLIC_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ REDIS_KEY_PREFIX: 'has{braces}' }, 'REDIS_KEY_PREFIX'],
    [{ PARLEY_DEMO: 'perhaps' }, 'PARLEY_DEMO'],
    [{ PARLEY_TIME_ZONE: 'Mars/Olympus' }, 'PARLEY_TIME_ZONE'],
    [{ TWILIO_VALIDATE_SIGNATURES: 'maybe' }, 'TWILIO_VALIDATE_SIGNATURES'],
    [{ PARLEY_LISTEN_WINDOW_SECONDS: '0' }, 'PARLEY_LISTEN_WINDOW_SECONDS'],
    [{ PARLEY_LISTEN_WINDOW_SECONDS: '1.5' }, 'PARLEY_LISTEN_WINDOW_SECONDS'],
    [{ PARLEY_VOICE_LISTEN_WINDOW_SECONDS: 'a minute' }, 'PARLEY_VOICE_LISTEN_WINDOW_SECONDS'],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid ${variable}:`));
  });
});
