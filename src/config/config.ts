import { randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/** Parley's validated, frozen configuration; built once from the environment by `main.ts`. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Unset means the embedded in-process store. */
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** True when the credentials were generated at boot (no TWILIO_* set). */
  readonly generatedCredentials: boolean;
  /** No trailing slash. */
  readonly publicBaseUrl: string;
  readonly outboundAllowPrivate: readonly string[];
  readonly logLevel: LogLevel;
  /** Load the demo assistant at boot when the store has no assistants. */
  readonly loadDemo: boolean;
  readonly sharedDir: string;
  /** IANA time zone for relative dates and times in user input ("tomorrow", "at 5"). */
  readonly timeZone: string;
  /** Check `X-Twilio-Signature` on the SMS and Voice webhooks; turning it off is for local development only. */
  readonly validateSignatures: boolean;
  /** How long a messaging (and custom channel) dialogue waits on `listen` for the next message. */
  readonly listenWindowSeconds: number;
  /** How long a voice dialogue waits for the caller's next input (the call's Gather loop). */
  readonly voiceListenWindowSeconds: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown for a bad environment value; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_PREFIX = /^[A-Za-z0-9:_.-]{1,64}$/;

export function loadConfig(env: Env): Config {
  const port = parsePort(env.PORT);
  const host = nonEmpty(env, 'HOST') ?? '0.0.0.0';
  const redisUrl = parseRedisUrl(nonEmpty(env, 'REDIS_URL'));
  const { accountSid, authToken, generated } = parseCredentials(env);
  // Assistants are stored per account: a pair generated afresh at every start would hide all that was stored.
  if (generated && redisUrl !== undefined) {
    throw new ConfigError('TWILIO_ACCOUNT_SID', 'set it and TWILIO_AUTH_TOKEN when REDIS_URL is set: data is stored per account, and a generated pair would change at every start');
  }
  const publicBaseUrl = parseBaseUrl(nonEmpty(env, 'PUBLIC_BASE_URL') ?? `http://localhost:${port}`);
  // Empty counts as unset, as everywhere else: `REDIS_KEY_PREFIX=` in an env file must not mean the bare keyspace.
  const redisKeyPrefix = nonEmpty(env, 'REDIS_KEY_PREFIX') ?? 'parley:';
  if (!KEY_PREFIX.test(redisKeyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX', 'use at most 64 letters, digits or : _ . - (braces are reserved for hash tags)');
  }
  return Object.freeze({
    port,
    host,
    redisUrl,
    redisKeyPrefix,
    accountSid,
    authToken,
    generatedCredentials: generated,
    publicBaseUrl,
    outboundAllowPrivate: Object.freeze(parseAllowList(env.OUTBOUND_ALLOW_PRIVATE)),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    loadDemo: parseBool(env, 'PARLEY_DEMO', true),
    sharedDir: nonEmpty(env, 'PARLEY_SHARED_DIR') ?? '../shared',
    timeZone: parseTimeZone(nonEmpty(env, 'PARLEY_TIME_ZONE') ?? 'UTC'),
    validateSignatures: parseBool(env, 'TWILIO_VALIDATE_SIGNATURES', true),
    listenWindowSeconds: parseSeconds(env, 'PARLEY_LISTEN_WINDOW_SECONDS', 4 * 60 * 60),
    voiceListenWindowSeconds: parseSeconds(env, 'PARLEY_VOICE_LISTEN_WINDOW_SECONDS', 60),
  });
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Numbers (decimal or hex) joined by dots: what inet_aton and ipaddr.js read as IPv4, in any of its forms. */
const IPV4_LIKE = /^(?:0x[\da-f]*|\d+)(?:\.(?:0x[\da-f]*|\d+))*$/i;

/** OUTBOUND_ALLOW_PRIVATE: host names, IP addresses and CIDR ranges; a malformed address or range names the variable. */
function parseAllowList(raw: string | undefined): string[] {
  const entries = parseList(raw);
  for (const entry of entries) {
    const looksNumeric = entry.includes('/') || IPV4_LIKE.test(entry) || entry.includes(':');
    if (!looksNumeric) continue; // a host name
    // IPv4 in its four-part dotted form only: ipaddr.js also reads "10.1" (10.0.0.1) and "0x7f.1", not what anyone means.
    const [address = '', bits] = entry.split('/');
    const fourParts = !IPV4_LIKE.test(address) || ipaddr.IPv4.isValidFourPartDecimal(address);
    const valid = fourParts && (bits === undefined ? ipaddr.isValid(entry) : ipaddr.isValidCIDR(entry));
    if (!valid) throw new ConfigError('OUTBOUND_ALLOW_PRIVATE', `"${entry}" is not an IP address or CIDR range (such as 10.0.0.0/8)`);
  }
  return entries;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  // Decimal digits only: Number() also took 0x1F91, 1e3 and 80.0.
  const port = /^\s*\d{1,5}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `expected an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', 'not a URL (expected redis://host:port or rediss://host:port)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `unsupported scheme "${url.protocol}" (expected redis:// or rediss://)`);
  }
  // The path is the database index ("/2"); anything else made ioredis send SELECT NaN and crash at boot.
  if (!/^\/?(?:\d+)?$/.test(url.pathname)) throw new ConfigError('REDIS_URL', `the path "${url.pathname}" is no database number (expected /0, /1, ...)`);
  return raw;
}

function parseCredentials(env: Env): { accountSid: string; authToken: string; generated: boolean } {
  const sid = nonEmpty(env, 'TWILIO_ACCOUNT_SID');
  const token = nonEmpty(env, 'TWILIO_AUTH_TOKEN');
  if (sid === undefined && token === undefined) {
    return { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), generated: true };
  }
  if (sid === undefined) throw new ConfigError('TWILIO_ACCOUNT_SID', 'must be set when TWILIO_AUTH_TOKEN is set');
  if (token === undefined) throw new ConfigError('TWILIO_AUTH_TOKEN', 'must be set when TWILIO_ACCOUNT_SID is set');
  if (!ACCOUNT_SID.test(sid)) throw new ConfigError('TWILIO_ACCOUNT_SID', 'expected "AC" followed by 32 hex characters');
  if (token.length < 8) throw new ConfigError('TWILIO_AUTH_TOKEN', 'too short (at least 8 characters)');
  return { accountSid: sid, authToken: token, generated: false };
}

function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_BASE_URL', `not an absolute URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_BASE_URL', 'expected an http:// or https:// URL');
  }
  if (url.search || url.hash) throw new ConfigError('PUBLIC_BASE_URL', 'must not carry a query or fragment');
  return url.toString().replace(/\/+$/, '');
}

function parseTimeZone(raw: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError('PARLEY_TIME_ZONE', `"${raw}" is not an IANA time zone such as America/New_York`);
  }
}

function parseList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const level = (raw ?? '').trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return level as LogLevel;
}

function parseBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${env[name]}"`);
}

/** A positive whole number of seconds, at most 30 days. */
function parseSeconds(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || seconds > 30 * 24 * 60 * 60) {
    throw new ConfigError(name, `expected a whole number of seconds from 1 to 2592000, got "${raw}"`);
  }
  return seconds;
}
