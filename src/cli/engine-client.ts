import { CliFailure } from './cli-backend.js';

export type Json = Record<string, unknown>;

export interface EngineResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A running engine's REST API, with Basic auth; errors carry the engine's own message. */
export class EngineClient {
  private readonly authorization: string;
  private readonly base: URL;

  constructor(readonly baseUrl: string, accountSid: string, authToken: string) {
    this.authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    this.base = new URL(baseUrl.replace(/\/+$/, ''));
  }

  /**
   * `path` is below the base URL (`/v1/…`), or an absolute URL the engine returned (a
   * `next_page_url`), which is built from its PUBLIC_BASE_URL: only its path and query are kept.
   */
  resolve(path: string): string {
    if (!/^https?:\/\//.test(path)) return `${this.base.toString().replace(/\/+$/, '')}${path}`;
    const url = new URL(path);
    url.protocol = this.base.protocol;
    url.host = this.base.host;
    return url.toString();
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<EngineResponse> {
    let response: Response;
    try {
      response = await fetch(this.resolve(path), {
        method,
        headers: { authorization: this.authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new CliFailure(`cannot reach the engine at ${this.baseUrl} (${cause}); is it running? (set --url or PARLEY_URL, or REDIS_URL to work on the store)`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      throw new CliFailure(`the engine at ${this.baseUrl} answered ${response.status} with a body that is not JSON`);
    }
    return { status: response.status, body: parsed };
  }

  /** A GET that must answer 200 with a JSON object. */
  async get(path: string): Promise<Json> {
    const response = await this.request('GET', path);
    if (response.status !== 200 || !isJson(response.body)) throw new CliFailure(engineError(response));
    return response.body;
  }
}

export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message of a Twilio-style error body, or the status when there is none. */
export function engineError(response: EngineResponse): string {
  const message = isJson(response.body) && typeof response.body.message === 'string' ? response.body.message : undefined;
  if (response.status === 401) return `the engine refused the credentials (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN): ${message ?? '401'}`;
  return message ?? `the engine answered ${response.status}`;
}
