import { createRequire } from 'node:module';
import type TwilioSDK from 'twilio-v4';
import type RequestClientType from 'twilio-v4/lib/base/RequestClient.js';
import type ResponseModule from 'twilio-v4/lib/http/response.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './test-server.js';

// A CommonJS `export default` seen from ESM: the class is the module's `default`.
type Response<T> = ResponseModule.default<T>;

const require = createRequire(import.meta.url);
// The last twilio release with `client.autopilot.v1` (real-clients.md); CommonJS, so loaded with require.
const twilio = require('twilio-v4') as typeof TwilioSDK;
const RequestClient = require('twilio-v4/lib/base/RequestClient') as typeof RequestClientType;

/** One request the client made and the raw answer it got, for assertions on the wire format. */
export interface Exchange {
  readonly method: string;
  readonly uri: string;
  /** Query parameters the client sent beside the URI (list filters and paging). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly statusCode: number;
  readonly body: any;
}

/**
 * twilio's own RequestClient (axios, qs encoding, Basic auth), with Autopilot's hard-coded host
 * rewritten to a local server: the redirect real-clients.md describes.
 */
export class LoopbackRequestClient extends RequestClient {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly baseUrl: string) {
    super();
  }

  override async request<TData>(opts: RequestClientType.RequestOptions<TData>): Promise<Response<TData>> {
    const uri = opts.uri.replace(/^https:\/\/autopilot\.twilio\.com/, this.baseUrl);
    const response = await super.request({ ...opts, uri });
    const body = typeof response.body === 'string' && response.body !== '' ? safeJson(response.body) : response.body;
    const params = (opts.params ?? {}) as Record<string, unknown>;
    this.exchanges.push({ method: String(opts.method).toUpperCase(), uri, params, statusCode: response.statusCode, body });
    return response;
  }

  /** The raw body of the latest exchange whose URI (without the client's query parameters) matches. */
  lastBody(match: RegExp): any {
    const found = [...this.exchanges].reverse().find((e) => match.test(e.uri));
    if (found === undefined) throw new Error(`no request matched ${match}`);
    return found.body;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A real twilio 4.21.0 client talking to `baseUrl`. */
export function twilioClient(baseUrl: string, authToken = TEST_AUTH_TOKEN): { client: TwilioSDK.Twilio; http: LoopbackRequestClient } {
  const http = new LoopbackRequestClient(baseUrl);
  return { client: twilio(TEST_ACCOUNT_SID, authToken, { httpClient: http }), http };
}
